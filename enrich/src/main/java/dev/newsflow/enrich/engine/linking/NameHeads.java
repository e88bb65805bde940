package dev.newsflow.enrich.engine.linking;

import dev.newsflow.enrich.engine.NewsEngine.EntityType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The kind of thing a multi-word name names by its head word, read from {@code name-heads.tsv}:
 * "United States Geological Survey" and "Geophysical Institute of Peru" are organizations,
 * "Aabenraa River" a place, "Harmonised Index of Consumer Prices" and "Battle of Antietam" MISC.
 * The head is the word before the name's first "of", "for" or "on" when it has one, else its last
 * word; a single word has no head. Immutable.
 */
public final class NameHeads {
    static final String RESOURCE = "/dev/newsflow/enrich/engine/linking/name-heads.tsv";
    private static final Set<String> CONNECTORS = Set.of("of", "for", "on");

    /** Heads that count as the last word, and those that count only before a connector. */
    private final Map<String, EntityType> last;
    private final Map<String, EntityType> beforeConnector;

    NameHeads(Map<String, EntityType> last, Map<String, EntityType> beforeConnector) {
        this.last = Map.copyOf(last);
        this.beforeConnector = Map.copyOf(beforeConnector);
    }

    /** The list shipped with NewsFlow. */
    public static NameHeads builtIn() {
        InputStream in = NameHeads.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("Name heads resource missing from the classpath: " + RESOURCE);
        }
        Map<String, EntityType> last = new HashMap<>();
        Map<String, EntityType> beforeConnector = new HashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t");
                if (parts.length != 2) {
                    throw new IllegalStateException(RESOURCE + " line " + number + ": expected <type> TAB <head>");
                }
                EntityType type = EntityType.valueOf(parts[0].trim());
                String head = parts[1].trim().toLowerCase(Locale.ROOT);
                if (head.endsWith(" of")) {
                    beforeConnector.put(head.substring(0, head.length() - 3), type);
                } else {
                    last.put(head, type);
                    beforeConnector.put(head, type);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
        return new NameHeads(last, beforeConnector);
    }

    /**
     * The type {@code name}'s head gives it, or null: a name of two words or more whose head is
     * capitalised and listed ("Survey" of "United States Geological Survey", "Institute" of
     * "Geophysical Institute of Peru"). A connector first or last does not make a head.
     */
    public EntityType typeOf(List<String> name) {
        if (name.size() < 2) {
            return null;
        }
        for (int i = 1; i < name.size() - 1; i++) {
            if (CONNECTORS.contains(name.get(i))) {
                return headType(name.get(i - 1), beforeConnector);
            }
        }
        return headType(name.get(name.size() - 1), last);
    }

    private static EntityType headType(String word, Map<String, EntityType> heads) {
        if (word.isEmpty() || !Character.isUpperCase(word.codePointAt(0))) {
            return null;
        }
        return heads.get(word.toLowerCase(Locale.ROOT));
    }
}
