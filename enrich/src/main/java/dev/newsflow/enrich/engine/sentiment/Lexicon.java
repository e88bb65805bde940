package dev.newsflow.enrich.engine.sentiment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A valence lexicon: lower-cased word to a mean valence on VADER's scale (-4 .. +4).
 * Built from the VADER lexicon (unpacked from its jar at build time) with the project's
 * news-domain overrides applied on top.
 */
public final class Lexicon {
    static final String VADER_RESOURCE = "/dev/newsflow/enrich/engine/sentiment/vader_sentiment_lexicon.txt";
    static final String NEWS_RESOURCE = "/dev/newsflow/enrich/engine/sentiment/news-overrides.tsv";

    private final Map<String, Double> valences;

    Lexicon(Map<String, Double> valences) {
        this.valences = Map.copyOf(valences);
    }

    /** The VADER lexicon with the news-domain overrides. */
    public static Lexicon news() {
        Map<String, Double> values = new HashMap<>();
        read(VADER_RESOURCE, values);
        read(NEWS_RESOURCE, values);
        return new Lexicon(values);
    }

    /** The plain VADER lexicon, as published. */
    public static Lexicon vader() {
        Map<String, Double> values = new HashMap<>();
        read(VADER_RESOURCE, values);
        return new Lexicon(values);
    }

    /** Valence of a lower-cased word, 0 when unknown. */
    public double valence(String lowerWord) {
        Double v = valences.get(lowerWord);
        return v == null ? 0.0 : v;
    }

    public boolean contains(String lowerWord) {
        return valences.containsKey(lowerWord);
    }

    public int size() {
        return valences.size();
    }

    private static void read(String resource, Map<String, Double> into) {
        InputStream in = Lexicon.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("Sentiment lexicon resource missing from the classpath: " + resource);
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t");
                if (cols.length < 2) {
                    continue;
                }
                double value = Double.parseDouble(cols[1].trim());
                String word = cols[0].trim().toLowerCase(Locale.ROOT);
                if (value == 0.0) {
                    into.remove(word);
                } else {
                    into.put(word, value);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read sentiment lexicon " + resource, e);
        }
    }
}
