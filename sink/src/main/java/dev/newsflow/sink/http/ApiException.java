package dev.newsflow.sink.http;

/** A request that ends with an error status and a message for the caller. */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** Seconds a client should wait before retrying a 503. */
    static final int RETRY_AFTER_SECONDS = 1;

    private final int status;

    private ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    /** Temporary: the store is restoring or rebalancing, or its owner cannot be reached (503 + Retry-After). */
    public static ApiException notReady(String message) {
        return new ApiException(503, message);
    }

    public int status() {
        return status;
    }
}
