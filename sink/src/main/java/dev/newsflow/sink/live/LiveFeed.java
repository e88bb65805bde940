package dev.newsflow.sink.live;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans events out to the connected live clients (server-sent events). Each client has a bounded
 * buffer: publishing never waits for a client, and a client whose buffer is full (a slow or
 * stalled reader) is dropped with one log line; it can reconnect. Buffers are written by a small
 * shared pool of writer threads, only while they hold events, so an idle client holds no thread.
 * A comment every {@code keepAlive} keeps proxies from closing quiet connections and finds
 * clients that went away.
 */
public final class LiveFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);

    /** One connected client, as the feed writes to it (a Javalin {@code SseClient} in the server). */
    public interface Client {
        /** Writes one event ({@code event:}, {@code id:}, {@code data:} lines); a failed write closes the client. */
        void event(String name, String id, String data);

        /** Writes a comment line ({@code : text}). */
        void comment(String text);

        /** True once the connection is closed (by either side). */
        boolean closed();

        /** Ends the connection. */
        void close();

        /** Who this is, for log lines (remote address). */
        String describe();
    }

    /** What happened to a client that asked to connect. */
    public enum Admission { ACCEPTED, REFUSED_FULL }

    private record Event(String name, String id, String data) {
    }

    private final class Subscriber {
        final Client client;
        final BlockingQueue<Event> buffer;
        final AtomicBoolean scheduled = new AtomicBoolean();
        volatile boolean gone;

        Subscriber(Client client) {
            this.client = client;
            this.buffer = new ArrayBlockingQueue<>(bufferEvents);
        }
    }

    private final int bufferEvents;
    private final int maxClients;
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final ExecutorService writers;
    private final ScheduledExecutorService keepAlive;
    private final AtomicInteger dropped = new AtomicInteger();

    /**
     * @param bufferEvents events a client may fall behind before it is dropped
     * @param maxClients   connected clients at most; more are refused
     * @param writerThreads threads that write to clients (shared by all)
     * @param keepAliveEvery how often a keepalive comment goes to every client
     */
    public LiveFeed(int bufferEvents, int maxClients, int writerThreads, Duration keepAliveEvery) {
        this.bufferEvents = bufferEvents;
        this.maxClients = maxClients;
        this.writers = Executors.newFixedThreadPool(writerThreads, daemon("newsflow-live-writer"));
        this.keepAlive = Executors.newSingleThreadScheduledExecutor(daemon("newsflow-live-keepalive"));
        long period = keepAliveEvery.toMillis();
        keepAlive.scheduleAtFixedRate(() -> publish(new Event(null, null, "keepalive")), period, period,
                TimeUnit.MILLISECONDS);
    }

    /**
     * Adds a client; it first gets the comment {@code : connected}, then every event published after this call.
     * {@link #remove} it when its connection closes.
     */
    public Admission add(Client client) {
        if (subscribers.size() >= maxClients) {
            LOG.warn("Live feed: refused {}: {} clients are connected already (the most it serves)", client.describe(),
                    maxClients);
            return Admission.REFUSED_FULL;
        }
        Subscriber subscriber = new Subscriber(client);
        subscribers.add(subscriber);
        offer(subscriber, new Event(null, null, "connected"));
        return Admission.ACCEPTED;
    }

    /** Forgets a client whose connection closed. */
    public void remove(Client client) {
        subscribers.removeIf(s -> {
            if (s.client == client) {
                s.gone = true;
                return true;
            }
            return false;
        });
    }

    /** Sends an event to every connected client, without waiting for any. */
    public void publish(String name, String id, String data) {
        publish(new Event(name, id, data));
    }

    /** Clients connected now. */
    public int clients() {
        return subscribers.size();
    }

    /** Clients dropped so far because they fell too far behind. */
    public int droppedClients() {
        return dropped.get();
    }

    @Override
    public void close() {
        keepAlive.shutdownNow();
        for (Subscriber subscriber : subscribers) {
            subscriber.gone = true;
            subscriber.client.close();
        }
        subscribers.clear();
        writers.shutdownNow();
    }

    private void publish(Event event) {
        for (Subscriber subscriber : subscribers) {
            offer(subscriber, event);
        }
    }

    private void offer(Subscriber subscriber, Event event) {
        if (subscriber.gone) {
            return;
        }
        if (!subscriber.buffer.offer(event)) {
            if (subscribers.remove(subscriber)) {
                subscriber.gone = true;
                dropped.incrementAndGet();
                LOG.warn("Live feed: dropped client {}: it fell {} events behind (a slow or stalled reader); it may "
                        + "reconnect", subscriber.client.describe(), bufferEvents);
                subscriber.client.close();
            }
            return;
        }
        schedule(subscriber);
    }

    private void schedule(Subscriber subscriber) {
        if (subscriber.scheduled.compareAndSet(false, true)) {
            try {
                writers.execute(() -> drain(subscriber));
            } catch (RejectedExecutionException closing) {
                subscriber.scheduled.set(false);
            }
        }
    }

    /** Writes the client's buffered events; only one writer drains a client at a time, in order. */
    private void drain(Subscriber subscriber) {
        try {
            Event event;
            while (!subscriber.gone && (event = subscriber.buffer.poll()) != null) {
                if (event.name() == null) {
                    subscriber.client.comment(event.data());
                } else {
                    subscriber.client.event(event.name(), event.id(), event.data());
                }
                if (subscriber.client.closed()) {
                    subscriber.gone = true;
                    subscribers.remove(subscriber);
                }
            }
        } catch (RuntimeException e) {
            subscriber.gone = true;
            subscribers.remove(subscriber);
            LOG.debug("Live feed: writing to {} failed: {}", subscriber.client.describe(), e.toString());
        } finally {
            subscriber.scheduled.set(false);
        }
        if (!subscriber.gone && !subscriber.buffer.isEmpty()) {
            schedule(subscriber);
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
