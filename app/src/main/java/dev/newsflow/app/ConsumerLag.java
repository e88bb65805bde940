package dev.newsflow.app;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/** How far a consumer group (a Streams application id) is behind the end of a topic. */
final class ConsumerLag {
    private final Admin admin;

    ConsumerLag(Admin admin) {
        this.admin = admin;
    }

    /** End offset of every partition of {@code topic}. */
    Map<TopicPartition, Long> endOffsets(String topic) {
        try {
            var description = admin.describeTopics(java.util.List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
            Map<TopicPartition, OffsetSpec> request = description.partitions().stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets =
                    admin.listOffsets(request).all().get(30, TimeUnit.SECONDS);
            return offsets.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaException("Cannot read end offsets of " + topic + ": " + e.getMessage(), e);
        }
    }

    /** Topics the group has committed offsets for (its input and any repartition topics). */
    java.util.Set<String> consumedTopics(String groupId) {
        try {
            return admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
                    .keySet().stream().map(TopicPartition::topic).collect(Collectors.toSet());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaException("Cannot read committed offsets of " + groupId + ": " + e.getMessage(), e);
        }
    }

    /** Records of {@code targets} the group has not committed past yet (0 when caught up). */
    long lag(String groupId, Map<TopicPartition, Long> targets) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            long lag = 0;
            for (Map.Entry<TopicPartition, Long> target : targets.entrySet()) {
                OffsetAndMetadata offset = committed.get(target.getKey());
                long position = offset == null ? 0 : offset.offset();
                lag += Math.max(0, target.getValue() - position);
            }
            return lag;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaException("Cannot read committed offsets of " + groupId + ": " + e.getMessage(), e);
        }
    }
}
