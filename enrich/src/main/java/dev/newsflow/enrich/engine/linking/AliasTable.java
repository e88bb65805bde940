package dev.newsflow.enrich.engine.linking;

import dev.newsflow.enrich.engine.NewsEngine.EntityType;
import dev.newsflow.enrich.engine.ner.Token;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The project's table of entity aliases (acronyms, demonyms, alternative names), applied after
 * the tagger. Each entry is one real-world entity with its full forms (eligible as canonical
 * name) and short forms. Surface forms match whole tokens, case-sensitively. Immutable.
 */
public final class AliasTable {
    static final String RESOURCE = "/dev/newsflow/enrich/engine/linking/aliases.tsv";

    /**
     * One real-world entity. {@code demonyms}: the words for its people and the adjectives of its
     * name ("French", "Syrians"); they link to the entity, but a mention of one is MISC, not a
     * mention of the place.
     */
    public record Entry(String canonical, EntityType type, List<String> fullForms, List<String> shortForms,
                        List<String> demonyms) {
        public Entry {
            fullForms = List.copyOf(fullForms);
            shortForms = List.copyOf(shortForms);
            demonyms = List.copyOf(demonyms);
        }
    }

    /** A match of a surface form in a token sequence: tokens [from, to); {@code demonym} when the form is one. */
    public record Match(Entry entry, int from, int to, boolean fullForm, boolean demonym) {
    }

    private record Form(Entry entry, String[] words, boolean full, boolean demonym) {
    }

    private final Map<String, Entry> byCanonical;
    private final Map<String, List<Form>> byFirstWord;
    private final Map<String, Entry> byLowerForm;

    private AliasTable(Map<String, Entry> entries) {
        this.byCanonical = Map.copyOf(entries);
        Map<String, List<Form>> index = new HashMap<>();
        Map<String, Entry> lower = new HashMap<>();
        for (Entry e : entries.values()) {
            for (String f : e.fullForms()) {
                addForm(index, new Form(e, f.split(" "), true, false));
                lower.put(f.toLowerCase(Locale.ROOT), e);
            }
            for (String f : e.shortForms()) {
                addForm(index, new Form(e, f.split(" "), false, false));
            }
            for (String f : e.demonyms()) {
                addForm(index, new Form(e, f.split(" "), false, true));
            }
        }
        index.values().forEach(forms -> forms.sort((a, b) -> b.words().length - a.words().length));
        this.byFirstWord = index;
        this.byLowerForm = lower;
    }

    private static void addForm(Map<String, List<Form>> index, Form form) {
        index.computeIfAbsent(form.words()[0], k -> new ArrayList<>()).add(form);
    }

    /** The table shipped with NewsFlow. */
    public static AliasTable builtIn() {
        return builtInPlus(null);
    }

    /** The built-in table with the entries of {@code extra} (same TSV format) added or replaced; null for none. */
    public static AliasTable builtInPlus(Path extra) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        InputStream in = AliasTable.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("Alias table resource missing from the classpath: " + RESOURCE);
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            parse(reader, RESOURCE, entries);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
        if (extra != null) {
            try (Reader reader = Files.newBufferedReader(extra, StandardCharsets.UTF_8)) {
                parse(reader, extra.toString(), entries);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read alias file " + extra + ": " + e.getMessage(), e);
            }
        }
        return new AliasTable(entries);
    }

    static AliasTable parse(String tsv) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        try {
            parse(new java.io.StringReader(tsv), "inline", entries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new AliasTable(entries);
    }

    private static void parse(Reader source, String name, Map<String, Entry> into) throws IOException {
        BufferedReader reader = new BufferedReader(source);
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t");
            if (cols.length < 3) {
                throw new IllegalArgumentException(name + " line " + number
                        + ": expected canonical<TAB>type<TAB>full forms[<TAB>short forms[<TAB>demonyms]], got '" + line + "'");
            }
            EntityType type;
            try {
                type = EntityType.valueOf(cols[1].trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + " line " + number + ": unknown entity type '" + cols[1]
                        + "' (PERSON, ORGANIZATION, LOCATION, MISC)", e);
            }
            String canonical = cols[0].trim();
            List<String> full = split(cols[2]);
            if (!full.contains(canonical)) {
                full.add(0, canonical);
            }
            List<String> shorts = cols.length > 3 ? split(cols[3]) : List.of();
            List<String> demonyms = cols.length > 4 ? split(cols[4]) : List.of();
            into.put(canonical, new Entry(canonical, type, full, shorts, demonyms));
        }
    }

    private static List<String> split(String col) {
        List<String> out = new ArrayList<>();
        for (String s : col.split("\\|")) {
            if (!s.isBlank()) {
                out.add(s.trim().replaceAll("\\s+", " "));
            }
        }
        return out;
    }

    public int size() {
        return byCanonical.size();
    }

    public Entry get(String canonical) {
        return byCanonical.get(canonical);
    }

    /** The entry one of whose full forms equals {@code name}, ignoring case; null if none. */
    public Entry byFullForm(String name) {
        return byLowerForm.get(name.toLowerCase(Locale.ROOT));
    }

    /**
     * Longest matches, left to right, without overlaps. A short form of up to four letters that is
     * all capitals (IS, US, WHO) is skipped inside a run of capitalised words, where it is
     * more likely an ordinary word of a shouted headline ("THIS IS WHO WE ARE").
     */
    public List<Match> find(List<Token> tokens) {
        List<Match> matches = new ArrayList<>();
        int i = 0;
        while (i < tokens.size()) {
            Match m = matchAt(tokens, i);
            if (m != null) {
                matches.add(m);
                i = m.to();
            } else {
                i++;
            }
        }
        return matches;
    }

    private Match matchAt(List<Token> tokens, int i) {
        List<Form> forms = byFirstWord.get(tokens.get(i).word());
        if (forms == null) {
            return null;
        }
        for (Form form : forms) {
            int n = form.words().length;
            if (i + n > tokens.size()) {
                continue;
            }
            boolean ok = true;
            for (int k = 0; k < n && ok; k++) {
                ok = tokens.get(i + k).word().equals(form.words()[k]);
            }
            if (!ok) {
                continue;
            }
            if (!form.full() && n == 1 && isShoutable(form.words()[0]) && inCapitalRun(tokens, i)) {
                continue;
            }
            return new Match(form.entry(), i, i + n, form.full(), form.demonym());
        }
        return null;
    }

    private static boolean isShoutable(String word) {
        return word.length() <= 4 && word.equals(word.toUpperCase(Locale.ROOT)) && word.chars().allMatch(Character::isLetter);
    }

    private static boolean inCapitalRun(List<Token> tokens, int i) {
        return (i > 0 && isCapsWord(tokens.get(i - 1).word())) || (i + 1 < tokens.size() && isCapsWord(tokens.get(i + 1).word()));
    }

    private static boolean isCapsWord(String w) {
        if (w.length() < 2) {
            return false;
        }
        boolean letters = false;
        for (int k = 0; k < w.length(); k++) {
            char c = w.charAt(k);
            if (Character.isLetter(c)) {
                letters = true;
                if (Character.isLowerCase(c)) {
                    return false;
                }
            }
        }
        return letters && !Character.isDigit(w.charAt(0));
    }
}
