package dev.newsflow.schemas.format;

import org.apache.kafka.common.KafkaException;

/** A schema registry refused a request or could not be reached; the message names the registry and the cause. */
public class SchemaRegistryException extends KafkaException {
    private final int status;

    public SchemaRegistryException(String message, int status) {
        super(message);
        this.status = status;
    }

    public SchemaRegistryException(String message, Throwable cause) {
        super(message, cause);
        this.status = -1;
    }

    /** The HTTP status the registry answered, -1 when it did not answer. */
    public int status() {
        return status;
    }
}
