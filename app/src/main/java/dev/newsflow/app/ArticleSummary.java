package dev.newsflow.app;

import dev.newsflow.schemas.avro.EnrichedArticle;
import dev.newsflow.schemas.avro.Entity;
import dev.newsflow.schemas.avro.Sentiment;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Collectors;

/** A few readable lines about one enriched article. */
final class ArticleSummary {
    private static final int TOP_ENTITIES = 6;

    private ArticleSummary() {
    }

    static String of(EnrichedArticle article) {
        StringBuilder text = new StringBuilder();
        String title = article.getTitle() == null ? "(untitled)" : article.getTitle();
        text.append("* ").append(title).append('\n');
        text.append("  id ").append(article.getId()).append("  sentiment ").append(sentiment(article.getSentiment()));
        if (article.getEnrichment().getSkippedReason() != null) {
            text.append("  (not tagged: ").append(article.getEnrichment().getSkippedReason()).append(')');
        }
        text.append('\n');
        if (!article.getEntities().isEmpty()) {
            String entities = article.getEntities().stream()
                    .sorted(Comparator.comparingDouble(Entity::getSalience).reversed())
                    .limit(TOP_ENTITIES)
                    .map(e -> e.getName() + " [" + e.getType().name().toLowerCase(Locale.ROOT).substring(0, 3) + ", "
                            + sentiment(e.getSentiment()) + "]")
                    .collect(Collectors.joining("; "));
            text.append("  entities: ").append(entities).append('\n');
        }
        return text.toString();
    }

    private static String sentiment(Sentiment sentiment) {
        return sentiment.getLabel().name().toLowerCase(Locale.ROOT) + String.format(Locale.ROOT, " %+.2f", sentiment.getScore());
    }
}
