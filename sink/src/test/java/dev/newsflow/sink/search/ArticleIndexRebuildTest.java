package dev.newsflow.sink.search;

import static dev.newsflow.sink.Articles.article;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsflow.schemas.avro.EnrichedArticle;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A partition's rebuild runs on the index's own thread: the task goes on at once, the stream
 * thread's later writes win over the store's older view, and a drop stops it.
 */
class ArticleIndexRebuildTest {
    private static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ArticleIndex index = ArticleIndex.inMemory();
    private final AtomicLong done = new AtomicLong(-1);

    @AfterEach
    void close() {
        index.close();
    }

    /** A view of a store that hands out its first article at once and the rest only when released. */
    private static final class GatedView implements Iterator<EnrichedArticle>, AutoCloseable {
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch firstTaken = new CountDownLatch(1);
        final AtomicBoolean closed = new AtomicBoolean();
        private final Iterator<EnrichedArticle> articles;
        private int taken;

        GatedView(List<EnrichedArticle> articles) {
            this.articles = articles.iterator();
        }

        @Override
        public boolean hasNext() {
            if (taken == 1) {
                firstTaken.countDown();
                try {
                    release.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return articles.hasNext();
        }

        @Override
        public EnrichedArticle next() {
            taken++;
            return articles.next();
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    private static EnrichedArticle titled(String id, String title) {
        return article(id).title(title).published(T0).build();
    }

    private List<String> search(String q) {
        ArticleIndex.Page page = index.search(new ArticleQuery(ArticleIndex.parse(q), null, null, null, null, null, null,
                null, null, null, false, null), 100, id -> true, true);
        List<String> ids = new ArrayList<>();
        page.hits().forEach(hit -> ids.add(hit.id()));
        return ids;
    }

    @Test
    void shouldReturnBeforeTheStoreIsReadAndReportProgressUntilTheRebuildEnds() throws Exception {
        GatedView view = new GatedView(List.of(titled("a1", "Harbour storm"), titled("a2", "Harbour fire"),
                titled("a3", "Harbour flood")));

        index.rebuild(0, view, view, done::set);

        assertThat(view.firstTaken.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        assertThat(index.rebuildingPartitions()).as("running, one article re-added").containsEntry(0, 1L);
        assertThat(done.get()).isEqualTo(-1);
        view.release.countDown();

        await().atMost(WAIT).until(() -> done.get() == 3);
        assertThat(search("harbour")).containsExactlyInAnyOrder("a1", "a2", "a3");
        assertThat(index.rebuildingPartitions()).isEmpty();
        assertThat(view.closed).isTrue();
    }

    @Test
    void shouldKeepTheStreamThreadsWritesMadeWhileTheRebuildRuns() throws Exception {
        GatedView view = new GatedView(List.of(titled("a0", "Harbour opens"), titled("a1", "Old title of a1"),
                titled("a2", "Harbour fire, since deleted")));
        index.rebuild(0, view, view, done::set);
        assertThat(view.firstTaken.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

        // The stream thread moves on while the view still holds the older state of a1 and a2.
        index.put(0, titled("a1", "New title of a1"));
        index.delete(0, "a2");
        view.release.countDown();
        await().atMost(WAIT).until(() -> done.get() == 3);

        assertThat(search("title")).containsExactly("a1");
        assertThat(search("old")).as("the view's older a1 is not written back").isEmpty();
        assertThat(search("fire")).as("the deleted a2 is not brought back").isEmpty();
        assertThat(search("opens")).containsExactly("a0");
    }

    @Test
    void shouldStopARunningRebuildWhenThePartitionIsDroppedAndLeaveNothingOfIt() throws Exception {
        List<EnrichedArticle> many = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            many.add(titled("m" + i, "Harbour news " + i));
        }
        GatedView view = new GatedView(many);
        index.put(1, titled("other", "Harbour of another partition"));
        index.rebuild(0, view, view, done::set);
        assertThat(view.firstTaken.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

        Thread releaser = new Thread(() -> view.release.countDown());
        releaser.start();
        index.drop(0);
        releaser.join();

        assertThat(search("harbour")).containsExactly("other");
        assertThat(view.closed).as("the store's view is closed when the rebuild stops").isTrue();
        assertThat(done.get()).as("a stopped rebuild reports no count").isEqualTo(-1);
        assertThat(index.rebuildingPartitions()).isEmpty();
    }

    @Test
    void shouldNameAPartitionWhoseRebuildFailedUntilItIsRebuiltAgain() {
        Iterator<EnrichedArticle> broken = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public EnrichedArticle next() {
                throw new IllegalStateException("store closed");
            }
        };
        index.rebuild(2, broken, () -> { }, done::set);

        await().atMost(WAIT).until(() -> index.failedPartitions().containsKey(2));
        assertThat(index.failedPartitions().get(2)).contains("store closed");
        assertThat(done.get()).isEqualTo(-1);

        index.rebuild(2, List.of(titled("b1", "Harbour again")).iterator(), () -> { }, done::set);
        await().atMost(WAIT).until(() -> done.get() == 1);
        assertThat(index.failedPartitions()).isEmpty();
        assertThat(search("harbour")).containsExactly("b1");
    }
}
