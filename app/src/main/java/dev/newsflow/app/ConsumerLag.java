package dev.newsflow.app;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/** How far a consumer group (a Streams application id) is behind the end of its topics. */
final class ConsumerLag {
    private final Admin admin;

    ConsumerLag(Admin admin) {
        this.admin = admin;
    }

    /** End offset of every partition of {@code topic}. */
    Map<TopicPartition, Long> endOffsets(String topic) {
        var description = get(admin.describeTopics(List.of(topic)).allTopicNames(), "partitions of " + topic).get(topic);
        Map<TopicPartition, OffsetSpec> request = description.partitions().stream()
                .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
        return get(admin.listOffsets(request).all(), "end offsets of " + topic).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** Topics the group has committed offsets for (its input and any repartition topics). */
    Set<String> consumedTopics(String groupId) {
        return committed(groupId).keySet().stream().map(TopicPartition::topic).collect(Collectors.toSet());
    }

    /** Records of {@code targets} the group has not committed past yet (0 when caught up). */
    long lag(String groupId, Map<TopicPartition, Long> targets) {
        Map<TopicPartition, OffsetAndMetadata> committed = committed(groupId);
        long lag = 0;
        for (Map.Entry<TopicPartition, Long> target : targets.entrySet()) {
            OffsetAndMetadata offset = committed.get(target.getKey());
            lag += Math.max(0, target.getValue() - (offset == null ? 0 : offset.offset()));
        }
        return lag;
    }

    private Map<TopicPartition, OffsetAndMetadata> committed(String groupId) {
        return get(admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata(), "committed offsets of " + groupId);
    }

    private static <T> T get(KafkaFuture<T> future, String what) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted while reading " + what, e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new KafkaException("Cannot read " + what + ": " + cause.getMessage(), cause);
        }
    }
}
