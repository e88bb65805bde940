package dev.newsflow.sink.store;

import dev.newsflow.schemas.avro.EnrichedArticle;
import dev.newsflow.schemas.avro.Entity;
import dev.newsflow.schemas.avro.EntityType;
import dev.newsflow.schemas.avro.Mention;
import dev.newsflow.sink.avro.AliasEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;

/**
 * What one article contributes to the alias index: for every entity key, each surface form
 * ({@link EntityKeys#surface}) the article uses for it (the entity's name, the text of each of
 * its mentions) counts one article and its mentions with that form; the last token of a PERSON
 * name of several tokens counts as a weaker, surname alias unless the article also uses that
 * token as a form of the same entity. Withdrawing an article gives the same events with the
 * signs flipped, so the counts stay exact under updates and deletes.
 */
public final class AliasContributions {
    private AliasContributions() {
    }

    /** Surface form and event, in the article's order; {@code sign} is +1 to add the article, -1 to withdraw it. */
    public static List<KeyValue<String, AliasEvent>> of(EnrichedArticle article, int sign) {
        Map<String, Use> strong = new LinkedHashMap<>();
        Map<String, Use> surnames = new LinkedHashMap<>();
        for (Entity entity : article.getEntities()) {
            if (entity.getName() == null || entity.getName().isBlank()) {
                continue;
            }
            String type = entity.getType().name();
            String key = EntityKeys.key(entity.getId(), entity.getName(), type);
            String name = EntityKeys.surface(entity.getName());
            use(strong, name, key, entity, 0);
            for (Mention mention : entity.getMentions()) {
                if (mention.getText() != null) {
                    use(strong, EntityKeys.surface(mention.getText()), key, entity, 1);
                }
            }
            String surname = entity.getType() == EntityType.PERSON ? EntityKeys.lastToken(name) : null;
            if (surname != null) {
                use(surnames, surname, key, entity, 0);
            }
        }
        List<KeyValue<String, AliasEvent>> events = new ArrayList<>();
        for (Use use : strong.values()) {
            events.add(KeyValue.pair(use.surface, event(use, sign, sign * use.mentions, 0)));
        }
        for (Map.Entry<String, Use> surname : surnames.entrySet()) {
            if (!strong.containsKey(surname.getKey())) {
                events.add(KeyValue.pair(surname.getValue().surface, event(surname.getValue(), 0, 0, sign)));
            }
        }
        return events;
    }

    private static void use(Map<String, Use> uses, String surface, String key, Entity entity, int mentions) {
        if (surface.isEmpty()) {
            return;
        }
        Use use = uses.computeIfAbsent(surface + '\u0000' + key,
                k -> new Use(surface, key, entity.getName(), entity.getType().name()));
        use.mentions += mentions;
    }

    private static AliasEvent event(Use use, int articles, int mentions, int surnameArticles) {
        return AliasEvent.newBuilder().setKey(use.key).setName(use.name).setType(use.type)
                .setArticles(articles).setMentions(mentions).setSurnameArticles(surnameArticles).build();
    }

    /** One (surface form, entity key) pair of an article and how many of its mentions use the form. */
    private static final class Use {
        final String surface;
        final String key;
        final String name;
        final String type;
        int mentions;

        Use(String surface, String key, String name, String type) {
            this.surface = surface;
            this.key = key;
            this.name = name;
            this.type = type;
        }
    }
}
