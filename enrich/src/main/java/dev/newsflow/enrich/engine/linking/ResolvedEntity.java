package dev.newsflow.enrich.engine.linking;

import dev.newsflow.enrich.engine.NewsEngine.EntityType;
import dev.newsflow.enrich.engine.NewsEngine.Mention;
import java.util.List;

/** One real-world thing in a document: canonical name, type and every mention (in text order). */
public record ResolvedEntity(String name, EntityType type, List<Mention> mentions) {
    public ResolvedEntity {
        mentions = List.copyOf(mentions);
    }
}
