package dev.newsflow.sink.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class LiveFeedTest {
    private LiveFeed feed;

    /** Records what it is sent; {@code gate} (when not null) holds every event write until it opens. */
    private static final class Recording implements LiveFeed.Client {
        final List<String> lines = new CopyOnWriteArrayList<>();
        final CountDownLatch gate;
        volatile boolean closed;

        Recording(CountDownLatch gate) {
            this.gate = gate;
        }

        @Override
        public void event(String name, String id, String data) {
            if (gate != null) {
                try {
                    gate.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            lines.add(name + " " + id + " " + data);
        }

        @Override
        public void comment(String text) {
            lines.add(": " + text);
        }

        @Override
        public boolean closed() {
            return closed;
        }

        @Override
        public void close() {
            closed = true;
        }

        @Override
        public String describe() {
            return "test client";
        }
    }

    @AfterEach
    void close() {
        feed.close();
    }

    @Test
    void shouldSendEveryClientTheConnectedCommentThenEachEventInOrder() {
        feed = new LiveFeed(16, 10, 2, Duration.ofMinutes(1));
        Recording first = new Recording(null);
        Recording second = new Recording(null);
        feed.add(first);
        feed.add(second);

        feed.publish("article", "a1", "{\"id\":\"a1\"}");
        feed.publish("article", "a2", "{\"id\":\"a2\"}");

        List<String> expected = List.of(": connected", "article a1 {\"id\":\"a1\"}", "article a2 {\"id\":\"a2\"}");
        await().atMost(Duration.ofSeconds(5)).until(() -> first.lines.size() == 3 && second.lines.size() == 3);
        assertThat(first.lines).containsExactlyElementsOf(expected);
        assertThat(second.lines).containsExactlyElementsOf(expected);
    }

    @Test
    void shouldDropOnlyTheClientThatFallsBehindItsBuffer() {
        feed = new LiveFeed(4, 10, 2, Duration.ofMinutes(1));
        CountDownLatch stalled = new CountDownLatch(1);
        Recording slow = new Recording(stalled);
        Recording fast = new Recording(null);
        feed.add(slow);
        feed.add(fast);

        // The fast client takes each event before the next; the slow one holds its first and buffers 4 more.
        for (int i = 0; i < 12; i++) {
            feed.publish("article", "a" + i, "{}");
            int received = i + 2;
            await().atMost(Duration.ofSeconds(5)).until(() -> fast.lines.size() == received);
        }

        assertThat(feed.droppedClients()).isEqualTo(1);
        assertThat(slow.closed).isTrue();
        assertThat(feed.clients()).isEqualTo(1);
        assertThat(fast.closed).isFalse();
        stalled.countDown();
    }

    @Test
    void shouldRefuseAClientBeyondTheMostItServes() {
        feed = new LiveFeed(4, 1, 1, Duration.ofMinutes(1));

        assertThat(feed.add(new Recording(null))).isEqualTo(LiveFeed.Admission.ACCEPTED);
        assertThat(feed.add(new Recording(null))).isEqualTo(LiveFeed.Admission.REFUSED_FULL);
        assertThat(feed.clients()).isEqualTo(1);
    }

    @Test
    void shouldStopWritingToARemovedClient() {
        feed = new LiveFeed(4, 10, 1, Duration.ofMinutes(1));
        Recording gone = new Recording(null);
        Recording staying = new Recording(null);
        feed.add(gone);
        feed.add(staying);
        await().atMost(Duration.ofSeconds(5)).until(() -> gone.lines.size() == 1 && staying.lines.size() == 1);

        feed.remove(gone);
        feed.publish("article", "a1", "{}");

        await().atMost(Duration.ofSeconds(5)).until(() -> staying.lines.size() == 2);
        assertThat(gone.lines).containsExactly(": connected");
        assertThat(feed.clients()).isEqualTo(1);
    }

    @Test
    void shouldSendKeepaliveCommentsToQuietClients() {
        feed = new LiveFeed(4, 10, 1, Duration.ofMillis(100));
        Recording quiet = new Recording(null);
        feed.add(quiet);

        await().atMost(Duration.ofSeconds(5)).until(() -> quiet.lines.stream().filter(": keepalive"::equals).count() >= 2);
    }
}
