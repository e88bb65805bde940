package dev.newsflow.enrich.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** One engine for all engine tests: the models load once per test JVM. */
public final class SharedEngine {
    private static final class Holder {
        static final NewsEngine ENGINE = NewsEngines.create();
    }

    private SharedEngine() {
    }

    public static NewsEngine get() {
        return Holder.ENGINE;
    }

    /** A test resource under /engine/ as a string. */
    public static String resource(String name) {
        try (InputStream in = SharedEngine.class.getResourceAsStream("/engine/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /engine/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
