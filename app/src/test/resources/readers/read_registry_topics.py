#!/usr/bin/env python3
"""Reads Kafka topics in the Schema Registry wire format the way a Python user would, with the
confluent_kafka library (Debian's python3-confluent-kafka, its confluent_kafka.avro API) and no
NewsFlow code: string keys, Avro values decoded with the writer's schema fetched from the registry.

Usage: read_registry_topics.py BOOTSTRAP REGISTRY_URL TOPIC...
Prints one JSON object a line: {"topic", "key", "value", "headers"}; "value" is the decoded record
(null for a tombstone). Reads every topic from the beginning until no record has come for 3 s after
each topic gave at least one, or 60 s have passed. Exits 3 on a record it cannot decode.
"""
import json
import sys
import time
import uuid

from confluent_kafka import Consumer, KafkaError
from confluent_kafka.avro import CachedSchemaRegistryClient
from confluent_kafka.avro.serializer.message_serializer import MessageSerializer


def main():
    bootstrap, registry_url, topics = sys.argv[1], sys.argv[2], sys.argv[3:]
    consumer = Consumer({
        'bootstrap.servers': bootstrap,
        'group.id': 'third-party-reader-' + uuid.uuid4().hex,
        'auto.offset.reset': 'earliest',
        'enable.auto.commit': False,
        'isolation.level': 'read_committed',
    })
    values = MessageSerializer(CachedSchemaRegistryClient({'url': registry_url}))
    consumer.subscribe(topics)
    deadline = time.time() + 60
    last = time.time()
    seen = set()
    try:
        while time.time() < deadline:
            message = consumer.poll(0.5)
            if message is None:
                if seen == set(topics) and time.time() - last > 3:
                    break
                continue
            if message.error():
                if message.error().code() == KafkaError._PARTITION_EOF:
                    continue
                print('kafka error: %s' % message.error(), file=sys.stderr)
                sys.exit(2)
            last = time.time()
            seen.add(message.topic())
            try:
                value = None if message.value() is None else values.decode_message(message.value(), is_key=False)
            except Exception as error:  # the library raises several kinds; any of them is a failure here
                print('cannot decode a record of %s at offset %d: %s' % (message.topic(), message.offset(), error),
                      file=sys.stderr)
                sys.exit(3)
            key = message.key().decode('utf-8') if message.key() is not None else None
            headers = {name: (raw or b'').decode('utf-8', 'replace') for name, raw in (message.headers() or [])}
            print(json.dumps({'topic': message.topic(), 'key': key, 'value': value, 'headers': headers}, default=str))
    finally:
        consumer.close()


if __name__ == '__main__':
    main()
