package dev.newsflow.sink.search;

import dev.newsflow.sink.store.EntityKeys;
import java.time.Instant;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;

/**
 * The filters of {@code GET /articles}, all optional. With {@code entity}, {@code label} is the
 * sentiment toward that entity; without it, the document's.
 * The score range ({@code sentimentMin}/{@code sentimentMax}) is checked by the caller when an
 * entity is given (see {@code QueryApi}); here it filters the document score otherwise.
 *
 * @param text      a parsed full-text query ({@link ArticleIndex#parse}), or null
 * @param entity    an entity key ({@link EntityKeys}: the link id, else normalized name and type), or null;
 *                  the API resolves a name to it as {@code /entities/{name}} does
 * @param type      an entity type (upper case): articles that name any entity of it; ignored with {@code entity}
 * @param hideCopies leave out near-duplicate copies
 * @param after     the cursor to continue after, or null
 */
public record ArticleQuery(Query text, String entity, String type, String source, String language, Instant since,
                           Instant until, String label, Double min, Double max, boolean hideCopies, Cursor after) {

    Query toLucene() {
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        all.add(ArticleIndex.all(), BooleanClause.Occur.FILTER);
        if (text != null) {
            all.add(text, BooleanClause.Occur.MUST);
        }
        if (entity != null) {
            filter(all, ArticleIndex.term(ArticleIndex.ENTITY_KEY, entity));
        } else if (type != null) {
            filter(all, ArticleIndex.term(ArticleIndex.ENTITY_TYPE, type));
        }
        if (source != null) {
            filter(all, ArticleIndex.term(ArticleIndex.SOURCE, ArticleIndex.lower(source)));
        }
        if (language != null) {
            filter(all, ArticleIndex.term(ArticleIndex.LANGUAGE, ArticleIndex.lower(language)));
        }
        if (since != null || until != null) {
            long from = since == null ? Long.MIN_VALUE : since.toEpochMilli();
            long to = until == null ? Long.MAX_VALUE : until.toEpochMilli() - 1;
            filter(all, LongPoint.newRangeQuery(ArticleIndex.TIME, from, to));
        }
        if (label != null) {
            filter(all, entity == null ? ArticleIndex.term(ArticleIndex.LABEL, label)
                    : ArticleIndex.term(ArticleIndex.ENTITY_LABEL, entity + '\u0000' + label));
        }
        if (entity == null && (min != null || max != null)) {
            filter(all, DoublePoint.newRangeQuery(ArticleIndex.SCORE, min == null ? -1.0 : min, max == null ? 1.0 : max));
        }
        if (hideCopies) {
            filter(all, ArticleIndex.term(ArticleIndex.COPY, "false"));
        }
        return all.build();
    }

    private static void filter(BooleanQuery.Builder all, Query query) {
        all.add(query, BooleanClause.Occur.FILTER);
    }
}
