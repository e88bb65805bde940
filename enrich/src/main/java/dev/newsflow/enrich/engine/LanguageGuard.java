package dev.newsflow.enrich.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import opennlp.tools.langdetect.Language;
import opennlp.tools.langdetect.LanguageDetectorME;
import opennlp.tools.langdetect.LanguageDetectorModel;

/**
 * Cheap language identification of a whole article: English function words over the text, else
 * the OpenNLP language-detection model (103 languages, character n-grams) on samples of it. Returns ISO 639-1 codes. Texts with
 * too few letters to tell are assumed to be in the default language. Thread-safe (one
 * detector per thread over a shared model).
 */
final class LanguageGuard {
    private static final String MODEL = "/langdetect-183.bin";
    private static final int SAMPLE_CHARS = 1_000;
    private static final int MIN_LETTERS = 40;
    /** Below this many letters the model's verdict needs {@link #SHORT_CONFIDENCE}. */
    private static final int SHORT_LETTERS = 200;
    private static final double SHORT_CONFIDENCE = 0.1;
    private static final Map<String, String> ISO3_TO_ISO1 = iso3ToIso1();

    private final String defaultLanguage;
    private final ThreadLocal<LanguageDetectorME> detector;

    LanguageGuard(String defaultLanguage) {
        this.defaultLanguage = defaultLanguage;
        LanguageDetectorModel model = load();
        this.detector = ThreadLocal.withInitial(() -> new LanguageDetectorME(model));
    }

    private static LanguageDetectorModel load() {
        try (InputStream in = LanguageGuard.class.getResourceAsStream(MODEL)) {
            if (in == null) {
                throw new IllegalStateException("Language detection model missing from the classpath: " + MODEL
                        + " (org.apache.opennlp:opennlp-models-langdetect)");
            }
            return new LanguageDetectorModel(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load language detection model " + MODEL, e);
        }
    }

    /**
     * The ISO 639-1 code of the text's language, or the default when the text is too short to tell.
     * The language is decided for the article as a whole, never for a part of it: a list of Italian
     * player names or a Romanian quotation inside an English report does not make it foreign. The
     * function-word test reads the whole text; the model reads samples from its start, middle and
     * end together.
     */
    String detect(String text) {
        long letters = text.chars().limit(SAMPLE_CHARS * 4L).filter(Character::isLetter).count();
        if (letters < MIN_LETTERS) {
            return defaultLanguage;
        }
        if (plainlyEnglish(text)) {
            return "en";
        }
        String sample = spreadSample(text);
        Language best = detector.get().predictLanguage(sample);
        if (sample.chars().filter(Character::isLetter).count() < SHORT_LETTERS && best.getConfidence() < SHORT_CONFIDENCE) {
            // One short sentence full of names ("Champdor is a commune in the French departement of Ain")
            // gets an unsure verdict for the language of its names; the default language is likelier.
            return defaultLanguage;
        }
        return toIso1(best.getLang());
    }

    /** Up to three windows of {@value #SAMPLE_CHARS} characters: start, middle and end. */
    static String spreadSample(String text) {
        int n = text.length();
        if (n <= 3 * SAMPLE_CHARS) {
            return text;
        }
        int mid = n / 2 - SAMPLE_CHARS / 2;
        return text.substring(0, SAMPLE_CHARS) + "\n" + text.substring(mid, mid + SAMPLE_CHARS) + "\n"
                + text.substring(n - SAMPLE_CHARS);
    }

    /**
     * A shortcut before the model: running English prose is about 40 % function words; at least
     * 30 % of the words from this list (none of which is a common word in other languages written
     * in Latin script) settles it.
     */
    static boolean plainlyEnglish(String sample) {
        String[] words = sample.toLowerCase(Locale.ROOT).split("[^\\p{L}']+");
        int total = 0;
        int english = 0;
        for (String w : words) {
            if (w.isEmpty()) {
                continue;
            }
            total++;
            if (ENGLISH.contains(w)) {
                english++;
            }
        }
        return total >= 20 && english * 10 >= total * 3;
    }

    private static final java.util.Set<String> ENGLISH = java.util.Set.of("the", "of", "and", "to", "in", "is", "was",
            "that", "for", "it", "with", "as", "on", "be", "at", "by", "this", "had", "not", "are", "but", "from", "or",
            "have", "an", "they", "which", "you", "were", "her", "his", "their", "has", "would", "been", "will", "said",
            "its", "who", "after", "than", "into", "could", "other", "there", "we", "he", "she", "what", "about", "when");

    /** Normalises a given language tag ("en", "eng", "en-GB", "EN") to ISO 639-1 lower case. */
    static String normalize(String tag) {
        String lang = tag.strip().toLowerCase(Locale.ROOT);
        int dash = lang.indexOf('-') >= 0 ? lang.indexOf('-') : lang.indexOf('_');
        if (dash > 0) {
            lang = lang.substring(0, dash);
        }
        return toIso1(lang);
    }

    private static String toIso1(String code) {
        if (code.length() == 3) {
            return ISO3_TO_ISO1.getOrDefault(code, code);
        }
        return code;
    }

    private static Map<String, String> iso3ToIso1() {
        Map<String, String> map = new HashMap<>();
        for (String iso1 : Locale.getISOLanguages()) {
            try {
                map.put(new Locale(iso1).getISO3Language(), iso1);
            } catch (java.util.MissingResourceException ignored) {
                // no three-letter code for this language
            }
        }
        // Codes the OpenNLP model uses that differ from Java's ISO 639-2 terminology codes.
        map.put("cmn", "zh");
        map.put("pes", "fa");
        map.put("zsm", "ms");
        map.put("lvs", "lv");
        map.put("ekk", "et");
        map.put("azj", "az");
        map.put("uzn", "uz");
        map.put("khk", "mn");
        map.put("swh", "sw");
        map.put("npi", "ne");
        map.put("ory", "or");
        map.put("gug", "gn");
        map.put("nob", "nb");
        map.put("nno", "nn");
        return Map.copyOf(map);
    }
}
