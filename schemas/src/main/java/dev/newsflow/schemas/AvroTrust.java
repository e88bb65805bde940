package dev.newsflow.schemas;

import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;

/**
 * Avro 1.12 refuses to instantiate classes outside trusted packages unless the
 * {@code org.apache.avro.SERIALIZABLE_PACKAGES} system property names them. NewsFlow's
 * generated classes must always be readable, so the serdes add their packages to
 * Avro's global trust list in code, keeping whatever else the user trusts.
 */
public final class AvroTrust {
    /** Package of the article classes generated from {@code src/main/avro}. */
    public static final String GENERATED_PACKAGE = "dev.newsflow.schemas.avro";
    /** Package of the sink's record classes, generated here too (their namespace predates the move). */
    public static final String SINK_PACKAGE = "dev.newsflow.sink.avro";
    /** Package of enrich's internal records (near-duplicate probes and reports), generated in the enrich module. */
    public static final String ENRICH_PACKAGE = "dev.newsflow.enrich.avro";

    private static volatile boolean installed;

    private AvroTrust() {
    }

    /** Idempotent; safe to call from any thread. */
    public static void ensureGeneratedClassesTrusted() {
        if (installed) {
            return;
        }
        synchronized (AvroTrust.class) {
            if (installed) {
                return;
            }
            ClassSecurityPredicate ours = clazz -> clazz.getName().startsWith(GENERATED_PACKAGE + ".")
                    || clazz.getName().startsWith(SINK_PACKAGE + ".") || clazz.getName().startsWith(ENRICH_PACKAGE + ".");
            ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(), ours));
            installed = true;
        }
    }
}
