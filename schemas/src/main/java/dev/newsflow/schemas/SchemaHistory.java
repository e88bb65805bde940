package dev.newsflow.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Every released version of a schema, kept as {@code history/<Name>/v<N>.avsc} on the
 * classpath (N = 1, 2, ... with no gaps). The serdes register all of them so records
 * written by any released version stay readable; the compatibility test holds the
 * current schema against each.
 */
public final class SchemaHistory {
    private static final String ROOT = "/dev/newsflow/schemas/history/";

    private SchemaHistory() {
    }

    /** Released versions of the named schema, oldest first; empty when none is released. */
    public static List<Schema> versions(String schemaName) {
        List<Schema> versions = new ArrayList<>();
        for (int n = 1; ; n++) {
            String path = ROOT + schemaName + "/v" + n + ".avsc";
            try (InputStream in = SchemaHistory.class.getResourceAsStream(path)) {
                if (in == null) {
                    return List.copyOf(versions);
                }
                versions.add(new Schema.Parser().parse(in));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read released schema " + path, e);
            }
        }
    }
}
