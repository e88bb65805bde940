package dev.newsflow.sink.store;

import dev.newsflow.sink.avro.AliasEvent;
import dev.newsflow.sink.avro.AliasTarget;
import dev.newsflow.sink.avro.EntityAliases;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Applies alias events to the entities one surface form was seen for ({@link EntityAliases}). */
public final class AliasIndexes {
    /** Most articles first (as a name or mention, then as a surname), then most mentions, then by key. */
    public static final Comparator<AliasTarget> BEST_FIRST = Comparator
            .comparingLong(AliasTarget::getArticles).reversed()
            .thenComparing(Comparator.comparingLong(AliasTarget::getSurnameArticles).reversed())
            .thenComparing(Comparator.comparingLong(AliasTarget::getMentions).reversed())
            .thenComparing(AliasTarget::getKey);

    private AliasIndexes() {
    }

    /**
     * @param current the stored record of {@code surface}, or null
     * @return the new record, or null when no stored article uses the form any more
     */
    public static EntityAliases apply(EntityAliases current, String surface, AliasEvent event) {
        List<AliasTarget> targets = new ArrayList<>(current == null ? List.of() : current.getTargets());
        int at = -1;
        for (int i = 0; i < targets.size(); i++) {
            if (targets.get(i).getKey().equals(event.getKey())) {
                at = i;
                break;
            }
        }
        AliasTarget before = at < 0 ? null : targets.get(at);
        long articles = (before == null ? 0 : before.getArticles()) + event.getArticles();
        long mentions = (before == null ? 0 : before.getMentions()) + event.getMentions();
        long surnames = (before == null ? 0 : before.getSurnameArticles()) + event.getSurnameArticles();
        boolean adds = event.getArticles() > 0 || event.getSurnameArticles() > 0;
        AliasTarget after = articles <= 0 && surnames <= 0 ? null : AliasTarget.newBuilder()
                .setKey(event.getKey())
                .setName(adds || before == null ? event.getName() : before.getName())
                .setType(adds || before == null ? event.getType() : before.getType())
                .setArticles(Math.max(0, articles))
                .setMentions(Math.max(0, mentions))
                .setSurnameArticles(Math.max(0, surnames))
                .build();
        if (at >= 0) {
            targets.remove(at);
        }
        if (after != null) {
            targets.add(after);
        }
        if (targets.isEmpty()) {
            return null;
        }
        targets.sort(BEST_FIRST);
        return EntityAliases.newBuilder().setSurface(surface).setTargets(targets).build();
    }
}
