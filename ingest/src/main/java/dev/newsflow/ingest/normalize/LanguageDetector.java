package dev.newsflow.ingest.normalize;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import opennlp.tools.langdetect.Language;
import opennlp.tools.langdetect.LanguageDetectorME;
import opennlp.tools.langdetect.LanguageDetectorModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Language of a text with OpenNLP's language-detection model (103 languages), loaded once from
 * the classpath (Maven artifact {@code org.apache.opennlp:opennlp-models-langdetect}). Returns
 * ISO 639-1 codes where one exists. Thread-safe.
 */
public final class LanguageDetector {
    private static final Logger LOG = LoggerFactory.getLogger(LanguageDetector.class);
    private static final String MODEL = "/langdetect-183.bin";
    private static final double MIN_LEAD = 2.0;
    private static final int MAX_CHARS = 300;
    private static final Map<String, String> ISO3_TO_ISO1 = buildIsoMap();
    private static volatile LanguageDetectorModel model;
    /** LanguageDetectorME is not thread-safe; one per thread around the shared model. */
    private static final ThreadLocal<LanguageDetectorME> DETECTOR = ThreadLocal.withInitial(() -> new LanguageDetectorME(model()));

    private LanguageDetector() {
    }

    /** The ISO 639-1 code (or the model's ISO 639-3 code where there is none) if the model is confident. */
    public static Optional<String> detect(String text) {
        if (text == null || text.strip().length() < 20) {
            return Optional.empty();
        }
        // 300 characters identify the language of news prose reliably; n-gram scoring is the
        // costliest step of normalization, so longer samples cost throughput for nothing.
        String sample = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
        Language[] ranked = DETECTOR.get().predictLanguages(sample);
        if (ranked.length == 0) {
            return Optional.empty();
        }
        Language best = ranked[0];
        // The model spreads probability over 103 languages: trust a clear lead, not an absolute level.
        double second = ranked.length > 1 ? ranked[1].getConfidence() : 0;
        if (best.getConfidence() < MIN_LEAD * second) {
            return Optional.empty();
        }
        String code = best.getLang();
        return Optional.of(ISO3_TO_ISO1.getOrDefault(code, code));
    }

    private static LanguageDetectorModel model() {
        LanguageDetectorModel loaded = model;
        if (loaded == null) {
            synchronized (LanguageDetector.class) {
                if (model == null) {
                    try (InputStream in = LanguageDetector.class.getResourceAsStream(MODEL)) {
                        if (in == null) {
                            throw new IllegalStateException("Language model " + MODEL + " is not on the classpath "
                                    + "(org.apache.opennlp:opennlp-models-langdetect)");
                        }
                        long start = System.nanoTime();
                        model = new LanguageDetectorModel(in);
                        LOG.debug("Loaded the language model in {} ms", (System.nanoTime() - start) / 1_000_000);
                    } catch (IOException e) {
                        throw new UncheckedIOException("Cannot load language model " + MODEL, e);
                    }
                }
                loaded = model;
            }
        }
        return loaded;
    }

    private static Map<String, String> buildIsoMap() {
        Map<String, String> map = new java.util.HashMap<>();
        for (String iso1 : Locale.getISOLanguages()) {
            try {
                map.put(new Locale(iso1).getISO3Language(), iso1);
            } catch (java.util.MissingResourceException e) {
                // no three-letter code for this one
            }
        }
        // The model's codes for macro-languages and variants that Locale does not map.
        map.put("cmn", "zh");
        map.put("zho", "zh");
        map.put("pes", "fa");
        map.put("zsm", "ms");
        map.put("nob", "no");
        map.put("ekk", "et");
        map.put("lvs", "lv");
        map.put("swh", "sw");
        map.put("azj", "az");
        map.put("arb", "ar");
        map.put("uzn", "uz");
        map.put("khk", "mn");
        map.put("npi", "ne");
        map.put("ory", "or");
        map.put("plt", "mg");
        return Map.copyOf(map);
    }
}
