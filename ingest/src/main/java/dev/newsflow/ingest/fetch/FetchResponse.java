package dev.newsflow.ingest.fetch;

import java.nio.charset.Charset;
import java.util.Optional;

/**
 * A fetched document, decompressed and size-checked.
 *
 * @param url          the final URL after redirects
 * @param status       HTTP status (200, or 304 when not modified)
 * @param body         the body bytes (empty for 304)
 * @param contentType  the media type without parameters, lower-case ("" when absent)
 * @param charset      the charset the server declared, if any
 * @param etag         the ETag header, if any
 * @param lastModified the Last-Modified header, if any
 */
public record FetchResponse(String url, int status, byte[] body, String contentType, Optional<Charset> charset,
                            String etag, String lastModified) {

    public boolean notModified() {
        return status == 304;
    }
}
