package dev.newsflow.enrich.engine.linking;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The words that end an organization's name after its distinctive part: legal forms ("Inc",
 * "plc", "AG") and business nouns ("Systems", "Water", "Holdings"), read from
 * {@code organization-heads.txt}. "Norrvik Systems" is a company because of "Systems", and
 * "Norrvik" is what the article calls it afterwards. Immutable.
 */
public final class OrganizationHeads {
    static final String RESOURCE = "/dev/newsflow/enrich/engine/linking/organization-heads.txt";

    private final Set<String> words;

    private OrganizationHeads(Set<String> words) {
        this.words = Set.copyOf(words);
    }

    /** The list shipped with NewsFlow. */
    public static OrganizationHeads builtIn() {
        InputStream in = OrganizationHeads.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("Organization heads resource missing from the classpath: " + RESOURCE);
        }
        Set<String> words = new HashSet<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    words.add(normalize(line.trim()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
        return new OrganizationHeads(words);
    }

    /** Whether {@code word} is a legal form or business noun, ignoring case and full stops. */
    public boolean isHead(String word) {
        return words.contains(normalize(word));
    }

    /** Whether every word of {@code rest} is one ("Systems", "Motor Corp"); false when empty. */
    public boolean allHeads(List<String> rest) {
        return !rest.isEmpty() && rest.stream().allMatch(this::isHead);
    }

    /**
     * Whether {@code name} is an organization's by its form: more than one word, the last a head,
     * the first not ("Marden Vale Water", "Toyota Motor Corp"; not "Water" or "Group Holdings").
     */
    public boolean namesOrganization(List<String> name) {
        return name.size() > 1 && isHead(name.get(name.size() - 1)) && !isHead(name.get(0));
    }

    public int size() {
        return words.size();
    }

    private static String normalize(String word) {
        return word.replace(".", "").toLowerCase(Locale.ROOT);
    }
}
