package dev.newsflow.schemas;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import dev.newsflow.schemas.format.TopicSerdes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics a stage needs with their configs; existing topics are left alone. Returns
 * once the new topics accept writes, with the topics' value schemas registered where their
 * format keeps schemas in a registry.
 */
public final class TopicAdmin {
    private static final Logger LOG = LoggerFactory.getLogger(TopicAdmin.class);
    private static final java.time.Duration READY_TIMEOUT = java.time.Duration.ofSeconds(30);
    private static final long READY_RETRY_MS = 50;

    private TopicAdmin() {
    }

    /**
     * Creates every missing topic in {@code topics}, then registers their value schemas where
     * the value format uses a schema registry ({@link TopicSerdes#registerSchemas}): a schema the
     * registry refuses fails here, when the stage starts.
     *
     * @param replicationFactor replication factor for new topics ({@code -1} = the broker default)
     * @return the names of the topics this call created
     */
    public static List<String> ensureTopics(Admin admin, Collection<? extends Topic<?, ?>> topics, short replicationFactor) {
        try {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (Topic<?, ?> topic : topics) {
                if (!existing.contains(topic.name())) {
                    missing.add(topic.newTopic(replicationFactor));
                }
            }
            List<String> created = new ArrayList<>();
            var results = admin.createTopics(missing).values();
            for (var entry : results.entrySet()) {
                try {
                    entry.getValue().get(30, TimeUnit.SECONDS);
                    created.add(entry.getKey());
                    LOG.debug("Created topic {}", entry.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                    // Another instance created it between our list and create: fine.
                }
            }
            if (!created.isEmpty()) {
                LOG.info("Created topics {}", created);
            }
            awaitWritable(admin, missing.stream().filter(t -> created.contains(t.name())).toList());
            warnIfFewerPartitions(admin, topics.stream().filter(t -> existing.contains(t.name())).toList());
            TopicSerdes.registerSchemas(topics);
            return List.copyOf(created);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new KafkaException("Cannot create topics " + names(topics) + ": " + cause.getMessage(), cause);
        }
    }

    /**
     * Waits until every partition of the new topics answers on its leader. A topic is created
     * once the controller has committed it, but the leader broker applies that a moment later;
     * an idempotent producer that writes in that gap gets NOT_LEADER_OR_FOLLOWER for its first
     * batch while a later in-flight batch lands, and then retries the first one with an
     * out-of-order sequence until its delivery timeout: the records are lost. ListOffsets is
     * answered only by the partition's leader, and the admin client retries it until it is.
     */
    private static void awaitWritable(Admin admin, List<NewTopic> topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
        for (NewTopic topic : topics) {
            int count = topic.numPartitions() > 0 ? topic.numPartitions() : partitionsOf(admin, topic.name());
            for (int partition = 0; partition < count; partition++) {
                partitions.put(new TopicPartition(topic.name(), partition), OffsetSpec.latest());
            }
        }
        if (partitions.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        awaitListed(admin, topics, deadline);
        // The admin client retries a partition whose leader is not ready, but fails at once on a
        // topic missing from the metadata it fetched: that is the same gap, so try again.
        while (true) {
            try {
                admin.listOffsets(partitions).all().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
                    throw e;
                }
                TimeUnit.MILLISECONDS.sleep(READY_RETRY_MS);
            }
        }
    }

    /**
     * Waits until the broker's metadata lists every new topic with a leader for each partition.
     * Straight after a create it may not yet, and the offsets lookup of {@link #awaitWritable}
     * would then make the admin client log "Received unknown topic error" at ERROR for an
     * expected wait; describing a topic in that gap fails quietly, so it is asked first.
     */
    private static void awaitListed(Admin admin, List<NewTopic> topics, long deadline)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<String> names = topics.stream().map(NewTopic::name).toList();
        while (true) {
            try {
                Map<String, org.apache.kafka.clients.admin.TopicDescription> found = admin.describeTopics(names)
                        .allTopicNames().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                boolean led = found.values().stream()
                        .allMatch(d -> !d.partitions().isEmpty() && d.partitions().stream().allMatch(p -> p.leader() != null));
                if (found.keySet().containsAll(names) && led) {
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException)) {
                    throw e;
                }
            }
            if (System.nanoTime() > deadline) {
                return; // awaitWritable below still waits for the leaders, and says why it gave up
            }
            TimeUnit.MILLISECONDS.sleep(READY_RETRY_MS);
        }
    }

    /**
     * Says when a topic that exists has fewer partitions than asked: it keeps them (adding partitions to a keyed,
     * compacted topic would move keys away from their state), so fewer instances get work than
     * {@value NewsTopics#PARTITIONS_KEY} suggests. Only a warning: describing may be denied where creating is not needed.
     */
    private static void warnIfFewerPartitions(Admin admin, List<? extends Topic<?, ?>> kept) throws InterruptedException {
        if (kept.isEmpty()) {
            return;
        }
        try {
            Map<String, org.apache.kafka.clients.admin.TopicDescription> found = admin.describeTopics(names(kept))
                    .allTopicNames().get(30, TimeUnit.SECONDS);
            for (Topic<?, ?> topic : kept) {
                var description = found.get(topic.name());
                if (description != null && description.partitions().size() < topic.partitions()) {
                    LOG.warn("Topic {} exists with {} partitions, fewer than the {} asked ({}): it keeps them, so at most {} "
                                    + "instances share its work", topic.name(), description.partitions().size(),
                            topic.partitions(), NewsTopics.PARTITIONS_KEY, description.partitions().size());
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("Could not compare the partitions of existing topics: {}", e.toString());
        }
    }

    private static int partitionsOf(Admin admin, String topic)
            throws InterruptedException, ExecutionException, TimeoutException {
        return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                .get(topic).partitions().size();
    }

    private static List<String> names(Collection<? extends Topic<?, ?>> topics) {
        return topics.stream().<String>map(Topic::name).toList();
    }
}
