package dev.newsflow.sink.search;

import dev.newsflow.schemas.avro.EnrichedArticle;
import dev.newsflow.schemas.avro.Entity;
import dev.newsflow.sink.store.EntityKeys;
import dev.newsflow.sink.store.EventTime;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.function.Predicate;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The full-text and filter index of the articles this instance's tasks store (Apache Lucene).
 *
 * <p>One index per sink instance, with a {@code partition} field on every document: the
 * processor that writes the article store puts and deletes documents as it writes the store,
 * rebuilds a partition's documents from the store when its task starts (after a restore, a
 * rebalance, or a crash), and drops them when the task closes. The index therefore never
 * needs to survive a restart: it is created empty when the instance starts, in a directory
 * beside the state stores. Searches see writes at once (near-real-time readers).
 *
 * <p>A rebuild runs on the index's own thread, so a task with a large store starts processing
 * (and the instance leaves REBALANCING) at once instead of after re-adding every article. While
 * it runs, the stream thread's writes to that partition win: an article the stream thread put or
 * deleted after the rebuild began is never written again from the store's older view.
 *
 * <p>Documents sort newest first by {@link EventTime} (the publication time, or the
 * enrichment time when unknown), then by id, so a {@link Cursor} is a stable position.
 */
public final class ArticleIndex implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(ArticleIndex.class);

    static final String ID = "id";
    static final String PARTITION = "partition";
    static final String TITLE = "title";
    static final String BODY = "body";
    static final String SOURCE = "source";
    static final String LANGUAGE = "language";
    static final String LABEL = "label";
    static final String SCORE = "score";
    static final String TIME = "time";
    static final String ENTITY_KEY = "entityKey";
    static final String ENTITY_TYPE = "entityType";
    static final String ENTITY_LABEL = "entityLabel";
    static final String COPY = "copy";

    private static final Sort NEWEST_FIRST = new Sort(new SortField(TIME, SortField.Type.LONG, true),
            new SortField(ID, SortField.Type.STRING, false));

    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final ExecutorService rebuilder = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "search-index-rebuild");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<Integer, Rebuild> rebuilding = new ConcurrentHashMap<>();
    private final Map<Integer, String> failed = new ConcurrentHashMap<>();

    private ArticleIndex(Directory directory) {
        try {
            this.directory = directory;
            IndexWriterConfig config = new IndexWriterConfig(analyzer()).setOpenMode(IndexWriterConfig.OpenMode.CREATE);
            this.writer = new IndexWriter(directory, config);
            this.searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the search index in " + directory, e);
        }
    }

    /** An index in {@code dir} (created, or emptied when it holds one from an earlier run). */
    public static ArticleIndex open(Path dir) {
        try {
            Files.createDirectories(dir);
            return new ArticleIndex(FSDirectory.open(dir));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the search index directory " + dir, e);
        }
    }

    /** An index held in memory (topology tests). */
    public static ArticleIndex inMemory() {
        return new ArticleIndex(new ByteBuffersDirectory());
    }

    static EnglishAnalyzer analyzer() {
        return new EnglishAnalyzer();
    }

    /**
     * Parses a full-text query (Lucene classic syntax over title and body: words, "phrases",
     * AND/OR/NOT, +/-, prefix*).
     *
     * @throws IllegalArgumentException with the parser's reason when it is not valid syntax
     */
    public static Query parse(String q) {
        MultiFieldQueryParser parser = new MultiFieldQueryParser(new String[] {TITLE, BODY}, analyzer());
        parser.setDefaultOperator(MultiFieldQueryParser.AND_OPERATOR);
        try {
            return parser.parse(q);
        } catch (ParseException | RuntimeException e) {
            String reason = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new IllegalArgumentException(reason, e);
        }
    }

    /** Adds or replaces the article's document (the stream thread's write: it wins over a running rebuild). */
    public void put(int partition, EnrichedArticle article) {
        streamWrite(partition, article.getId(), () -> write(partition, article));
    }

    /** Deletes the article's document (the stream thread's write: a running rebuild does not bring it back). */
    public void delete(int partition, String id) {
        streamWrite(partition, id, () -> erase(id));
    }

    /** Runs a write of the stream thread; while the partition rebuilds, marks {@code id} as written so the rebuild leaves it. */
    private void streamWrite(int partition, String id, Runnable write) {
        Rebuild running = rebuilding.get(partition);
        if (running == null) {
            write.run();
            return;
        }
        synchronized (running) {
            running.written.add(id);
            write.run();
        }
    }

    private void write(int partition, EnrichedArticle article) {
        try {
            writer.updateDocument(new Term(ID, article.getId()), document(partition, article));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot index article " + article.getId(), e);
        }
    }

    private void erase(String id) {
        try {
            writer.deleteDocuments(new Term(ID, id));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete article " + id + " from the search index", e);
        }
    }

    /**
     * Drops the partition's documents (its task moved away or closed), after stopping a rebuild
     * of it that is still running.
     */
    public void drop(int partition) {
        stopRebuild(partition);
        failed.remove(partition);
        dropDocuments(partition);
    }

    private void dropDocuments(int partition) {
        try {
            writer.deleteDocuments(new Term(PARTITION, Integer.toString(partition)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot drop partition " + partition + " from the search index", e);
        }
    }

    /**
     * Replaces the partition's documents with {@code articles} (a view of the partition's store
     * taken now) on the index's own thread, and returns at once. {@code source} is closed when the
     * rebuild ends, and {@code done} gets the number of articles the view held unless the rebuild
     * was stopped ({@link #drop}) or failed (then {@link #failedPartitions} names it).
     */
    public void rebuild(int partition, Iterator<EnrichedArticle> articles, AutoCloseable source, LongConsumer done) {
        stopRebuild(partition);
        failed.remove(partition);
        dropDocuments(partition);
        Rebuild run = new Rebuild();
        rebuilding.put(partition, run);
        run.job = rebuilder.submit(() -> {
            long start = System.nanoTime();
            long count = 0;
            try (source) {
                while (!run.stopped && articles.hasNext()) {
                    EnrichedArticle article = articles.next();
                    count++;
                    synchronized (run) {
                        if (!run.stopped && !run.written.contains(article.getId())) {
                            write(partition, article);
                            run.added.incrementAndGet();
                        }
                    }
                }
            } catch (Exception e) {
                if (!run.stopped) {
                    failed.put(partition, e.toString());
                    LOG.warn("Search index: rebuilding partition {} failed after {} articles, its older articles are missing "
                            + "from searches until the task restarts: {}", partition, count, e.toString());
                }
                return;
            } finally {
                rebuilding.remove(partition, run);
            }
            if (!run.stopped) {
                refresh();
                done.accept(count);
                if (count > 0) {
                    LOG.info("Search index: partition {} rebuilt with {} articles in {} ms", partition, count,
                            (System.nanoTime() - start) / 1_000_000);
                }
            }
        });
    }

    private void stopRebuild(int partition) {
        Rebuild run = rebuilding.get(partition);
        if (run == null) {
            return;
        }
        run.stopped = true;
        try {
            run.job.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("Search index: the rebuild of partition {} did not stop cleanly: {}", partition, e.toString());
        }
        rebuilding.remove(partition, run);
    }

    /** Partitions whose rebuild is running, each with the articles re-added so far (for /health). */
    public Map<Integer, Long> rebuildingPartitions() {
        Map<Integer, Long> progress = new TreeMap<>();
        rebuilding.forEach((partition, run) -> progress.put(partition, run.added.get()));
        return progress;
    }

    /** Partitions whose last rebuild failed, each with the cause (for /health). */
    public Map<Integer, String> failedPartitions() {
        return new TreeMap<>(failed);
    }

    /** A partition's rebuild: stopped by a drop; ids the stream thread wrote since it began are left alone. */
    private static final class Rebuild {
        final Set<String> written = ConcurrentHashMap.newKeySet();
        final AtomicLong added = new AtomicLong();
        volatile boolean stopped;
        volatile Future<?> job;
    }

    /** Makes every write so far visible to searches. */
    public void refresh() {
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot refresh the search index", e);
        }
    }

    /** How many documents the index holds (all partitions). */
    public int size() {
        refresh();
        return withSearcher(searcher -> searcher.getIndexReader().numDocs());
    }

    /**
     * The matches of {@code query} after {@code after} (null: from the newest), newest first,
     * that {@code keep} accepts; at most {@code limit}, and whether more remain. {@code total}
     * is the number of matches when {@code keep} filters nothing ({@code exact}), else null.
     */
    public Page search(ArticleQuery query, int limit, Predicate<String> keep, boolean exact) {
        refresh();
        Query lucene = query.toLucene();
        return withSearcher(searcher -> {
            Query paged = query.after() == null ? lucene : new BooleanQuery.Builder()
                    .add(lucene, BooleanClause.Occur.FILTER)
                    .add(after(query.after()), BooleanClause.Occur.FILTER).build();
            List<Hit> hits = new ArrayList<>();
            boolean more = false;
            ScoreDoc last = null;
            int batch = Math.min(Math.max(limit + 1, 16), 10_000);
            outer:
            while (true) {
                TopFieldDocs docs = last == null ? searcher.search(paged, batch, NEWEST_FIRST)
                        : (TopFieldDocs) searcher.searchAfter(last, paged, batch, NEWEST_FIRST);
                for (ScoreDoc doc : docs.scoreDocs) {
                    Document stored = searcher.storedFields().document(doc.doc);
                    Hit hit = new Hit(stored.get(ID), stored.getField(TIME).numericValue().longValue());
                    if (keep.test(hit.id())) {
                        if (hits.size() == limit) {
                            more = true;
                            break outer;
                        }
                        hits.add(hit);
                    }
                }
                if (docs.scoreDocs.length < batch) {
                    break;
                }
                last = docs.scoreDocs[docs.scoreDocs.length - 1];
            }
            Long total = exact ? (long) searcher.count(lucene) : null;
            return new Page(hits, more, total);
        });
    }

    /** Positions after the cursor in newest-first order: older, or as old with a greater id. */
    private static Query after(Cursor cursor) {
        return new BooleanQuery.Builder()
                .add(LongPoint.newRangeQuery(TIME, Long.MIN_VALUE, cursor.time() - 1), BooleanClause.Occur.SHOULD)
                .add(new BooleanQuery.Builder()
                        .add(LongPoint.newExactQuery(TIME, cursor.time()), BooleanClause.Occur.FILTER)
                        .add(new TermRangeQuery(ID, new BytesRef(cursor.id()), null, false, false), BooleanClause.Occur.FILTER)
                        .build(), BooleanClause.Occur.SHOULD)
                .setMinimumNumberShouldMatch(1)
                .build();
    }

    private interface SearcherCall<T> {
        T call(IndexSearcher searcher) throws IOException;
    }

    private <T> T withSearcher(SearcherCall<T> call) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return call.call(searcher);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Search index read failed", e);
        }
    }

    static Document document(int partition, EnrichedArticle a) {
        Document doc = new Document();
        doc.add(new StringField(ID, a.getId(), Field.Store.YES));
        doc.add(new SortedDocValuesField(ID, new BytesRef(a.getId())));
        doc.add(new StringField(PARTITION, Integer.toString(partition), Field.Store.NO));
        if (a.getTitle() != null) {
            doc.add(new TextField(TITLE, a.getTitle(), Field.Store.NO));
        }
        if (a.getBody() != null) {
            doc.add(new TextField(BODY, a.getBody(), Field.Store.NO));
        }
        doc.add(new StringField(SOURCE, lower(a.getSource()), Field.Store.NO));
        if (a.getLanguage() != null) {
            doc.add(new StringField(LANGUAGE, lower(a.getLanguage()), Field.Store.NO));
        }
        doc.add(new StringField(LABEL, a.getSentiment().getLabel().name(), Field.Store.NO));
        doc.add(new DoublePoint(SCORE, a.getSentiment().getScore()));
        long time = EventTime.of(a);
        doc.add(new LongPoint(TIME, time));
        doc.add(new NumericDocValuesField(TIME, time));
        doc.add(new StoredField(TIME, time));
        doc.add(new StringField(COPY, Boolean.toString(a.getDuplicateOf() != null), Field.Store.NO));
        for (Entity e : a.getEntities()) {
            String key = EntityKeys.key(e.getId(), e.getName(), e.getType().name());
            String label = e.getSentiment().getLabel().name();
            doc.add(new StringField(ENTITY_KEY, key, Field.Store.NO));
            doc.add(new StringField(ENTITY_TYPE, e.getType().name(), Field.Store.NO));
            doc.add(new StringField(ENTITY_LABEL, key + '\u0000' + label, Field.Store.NO));
        }
        return doc;
    }

    static String lower(String value) {
        return value.toLowerCase(Locale.ROOT);
    }

    static Query all() {
        return new MatchAllDocsQuery();
    }

    static Query term(String field, String value) {
        return new TermQuery(new Term(field, value));
    }

    @Override
    public void close() {
        rebuilding.keySet().forEach(this::stopRebuild);
        rebuilder.shutdownNow();
        try {
            searchers.close();
            writer.close();
            directory.close();
        } catch (IOException e) {
            LOG.warn("Closing the search index failed: {}", e.toString());
        }
    }

    /** One match: the article id and its position in time. */
    public record Hit(String id, long time) {
        public Cursor cursor() {
            return new Cursor(time, id);
        }
    }

    /** Matches in order, whether more follow, and the number of matches when known. */
    public record Page(List<Hit> hits, boolean more, Long total) {
    }
}
