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

    /**
     * Whether the registry could not answer for now (unreachable, 429, or a 5xx), as against a
     * refusal of this request (an unknown schema id, an incompatible schema): a record that meets
     * an outage is not bad data, and must wait for the registry instead of being dead-lettered.
     */
    public boolean isOutage() {
        return status == -1 || status == 429 || status >= 500;
    }

    /** The registry outage among {@code error} and its causes, or null when there is none. */
    public static SchemaRegistryException outageIn(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SchemaRegistryException registry && registry.isOutage()) {
                return registry;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }
}
