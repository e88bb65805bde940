package dev.newsflow.linkdict;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Build-time compaction of CoreNLP's KBP anchor-text dictionary ({@value #ENTRY} in the
 * {@code models-english-kbp} jar: one row per surface form, {@code surface TAB title TAB score},
 * 20.9 M rows, score = the share of that surface's links that go to the title) into the binary
 * file {@link WikiDictionary} reads. What it keeps:
 * <ul>
 *   <li>surfaces that can be a name in English running text: at most
 *       {@link Settings#maxSurfaceChars} characters and six words, starting with a capital letter
 *       or a digit, letters of the Latin script only, no URL, wiki or markup characters (the rest
 *       is anchor noise: "two Grammy Awards", URLs, other languages' scripts);</li>
 *   <li>rows whose score is at least {@link Settings#minScore};</li>
 *   <li>titles with at least {@link Settings#minTitleSurfaces} kept surfaces, never name or
 *       disambiguation pages (they are read only to learn given names and surnames).</li>
 * </ul>
 * Each title keeps its popularity (how many distinct surfaces of the whole input link to it,
 * capped at 65,535) and a coarse type ({@link TitleTypes}).
 *
 * <pre>java dev.newsflow.linkdict.WikiDictCompactor KBP_JAR OUTPUT [minScore minTitleSurfaces]</pre>
 *
 * Skips itself when OUTPUT is newer than KBP_JAR and the compactor's own class files.
 */
public final class WikiDictCompactor {
    static final String ENTRY = "edu/stanford/nlp/models/kbp/english/wikidict.tab.gz";
    static final int MAGIC = 0x4E465744; // "NFWD"
    static final int FORMAT = 2;
    /** A comma part that qualifies at least this many titles names a region ("Paris,_Texas"). */
    static final int PLACE_QUALIFIER_MIN = 30;

    /**
     * Pruning settings.
     *
     * @param minScore         least share of a surface's links for the row to stay
     * @param minTitleSurfaces least number of kept surfaces for a title to stay
     * @param maxSurfaceChars  longest surface kept
     */
    public record Settings(double minScore, int minTitleSurfaces, int maxSurfaceChars) {
        public static final Settings DEFAULT = new Settings(0.3, 2, 48);
    }

    /** What the compaction kept, with counts for the report. */
    public record Result(byte[] bytes, long rowsRead, int surfaces, int titles, Map<WikiDictionary.TitleType, Integer> types) {
    }

    private WikiDictCompactor() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2 && args.length != 4) {
            System.err.println("usage: WikiDictCompactor KBP_JAR OUTPUT [minScore minTitleSurfaces]");
            System.exit(2);
        }
        Path jar = Path.of(args[0]);
        Path out = Path.of(args[1]);
        if (!Files.isRegularFile(jar)) {
            System.err.println("wikidict: the KBP models jar " + jar + " does not exist");
            System.exit(1);
        }
        if (Files.exists(out) && Files.getLastModifiedTime(out).compareTo(newestInput(jar)) > 0) {
            System.out.println("wikidict: " + out + " is newer than " + jar.getFileName() + " and the compactor, nothing to do");
            return;
        }
        Settings settings = args.length == 4
                ? new Settings(Double.parseDouble(args[2]), Integer.parseInt(args[3]), Settings.DEFAULT.maxSurfaceChars())
                : Settings.DEFAULT;
        long t0 = System.nanoTime();
        Files.createDirectories(out.toAbsolutePath().getParent());
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        Stats stats;
        try (OutputStream sink = Files.newOutputStream(tmp)) {
            stats = compactJar(jar, settings, sink);
        }
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.printf(Locale.ROOT, "wikidict: %,d rows -> %,d surfaces, %,d titles %s, %,d bytes, %s, in %.1f s%n",
                stats.rowsRead(), stats.surfaces(), stats.titles(), stats.types(), Files.size(out), settings,
                (System.nanoTime() - t0) / 1e9);
    }

    /** The later of the jar's time and the compactor's own classes' (a changed compactor rebuilds). */
    private static java.nio.file.attribute.FileTime newestInput(Path jar) throws IOException {
        java.nio.file.attribute.FileTime newest = Files.getLastModifiedTime(jar);
        for (Class<?> c : List.of(WikiDictCompactor.class, TitleTypes.class)) {
            java.net.URL url = c.getResource(c.getSimpleName() + ".class");
            if (url != null && url.getProtocol().equals("file")) {
                try {
                    java.nio.file.attribute.FileTime t = Files.getLastModifiedTime(Path.of(url.toURI()));
                    newest = t.compareTo(newest) > 0 ? t : newest;
                } catch (java.net.URISyntaxException e) {
                    throw new IOException(e);
                }
            }
        }
        return newest;
    }

    /** Compacts the dictionary inside the KBP models jar. */
    public static Stats compactJar(Path jar, Settings settings, OutputStream sink) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry entry = zip.getEntry(ENTRY);
            if (entry == null) {
                throw new IOException(jar + " holds no " + ENTRY);
            }
            try (InputStream in = new GZIPInputStream(zip.getInputStream(entry), 1 << 16)) {
                return compact(in, settings, sink);
            }
        }
    }

    /** Compacts rows {@code surface TAB title TAB score} (UTF-8, grouped by title) into the binary dictionary. */
    public static Result compact(InputStream tsv, Settings settings) throws IOException {
        java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream(1 << 20);
        Stats stats = compact(tsv, settings, buffer);
        return new Result(buffer.toByteArray(), stats.rowsRead(), stats.surfaces(), stats.titles(), stats.types());
    }

    /** Counts of one compaction. */
    public record Stats(long rowsRead, int surfaces, int titles, Map<WikiDictionary.TitleType, Integer> types) {
    }

    /** A growable byte blob with the offsets of the strings appended to it. */
    private static final class Blob {
        byte[] bytes = new byte[1 << 20];
        int size;
        int[] offsets = new int[1 << 16];
        int count;

        int add(byte[] b) {
            if (size + b.length > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + b.length));
            }
            System.arraycopy(b, 0, bytes, size, b.length);
            if (count + 1 >= offsets.length) {
                offsets = Arrays.copyOf(offsets, offsets.length * 2);
            }
            offsets[count] = size;
            size += b.length;
            offsets[count + 1] = size;
            return count++;
        }

        int compare(int a, int b) {
            return Arrays.compareUnsigned(bytes, offsets[a], offsets[a + 1], bytes, offsets[b], offsets[b + 1]);
        }

        void write(OutputStream out, int i) throws IOException {
            out.write(bytes, offsets[i], offsets[i + 1] - offsets[i]);
        }

        int length(int i) {
            return offsets[i + 1] - offsets[i];
        }
    }

    /** As {@link #compact(InputStream, Settings)}, writing to {@code sink}. */
    public static Stats compact(InputStream tsv, Settings settings, OutputStream sink) throws IOException {
        Blob titles = new Blob();
        List<String> titleNames = new ArrayList<>();
        int[] popularity = new int[1 << 16];
        Blob surfaces = new Blob();
        int[] surfaceTitle = new int[1 << 16];
        byte[] surfaceScore = new byte[1 << 16];
        Set<String> givenNames = new HashSet<>();
        Set<String> surnames = new HashSet<>();
        Map<String, Integer> commaParts = new HashMap<>();
        long rows = 0;
        String current = null;
        int groupRows = 0;
        List<String> groupSurfaces = new ArrayList<>();
        List<Double> groupScores = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(tsv, StandardCharsets.UTF_8), 1 << 16);
        for (String line = reader.readLine(); ; line = reader.readLine()) {
            int tab1 = line == null ? -1 : line.indexOf('\t');
            int tab2 = tab1 < 0 ? -1 : line.indexOf('\t', tab1 + 1);
            if (line != null && tab2 < 0) {
                continue;
            }
            String title = line == null ? null : line.substring(tab1 + 1, tab2);
            if (current != null && !current.equals(title)) {
                // One title's rows are over: keep it when enough of its surfaces stayed.
                String comma = TitleTypes.commaPart(current);
                if (comma != null) {
                    commaParts.merge(comma, 1, Integer::sum);
                }
                if (!groupSurfaces.isEmpty() && groupSurfaces.size() >= settings.minTitleSurfaces()) {
                    int id = titles.add(current.getBytes(StandardCharsets.UTF_8));
                    titleNames.add(current);
                    if (id == popularity.length) {
                        popularity = Arrays.copyOf(popularity, id * 2);
                    }
                    popularity[id] = groupRows;
                    for (int i = 0; i < groupSurfaces.size(); i++) {
                        int k = surfaces.add(groupSurfaces.get(i).getBytes(StandardCharsets.UTF_8));
                        if (k == surfaceTitle.length) {
                            surfaceTitle = Arrays.copyOf(surfaceTitle, k * 2);
                            surfaceScore = Arrays.copyOf(surfaceScore, k * 2);
                        }
                        surfaceTitle[k] = id;
                        surfaceScore[k] = (byte) Math.round(Math.max(0, Math.min(1, groupScores.get(i))) * 255);
                    }
                }
                groupRows = 0;
                groupSurfaces.clear();
                groupScores.clear();
                current = null;
            }
            if (line == null) {
                break;
            }
            rows++;
            if (TitleTypes.isNamePage(title)) {
                String q = TitleTypes.qualifier(title).toLowerCase(Locale.ROOT);
                String base = TitleTypes.base(title).toLowerCase(Locale.ROOT);
                if (!base.contains("_")) {
                    if (q.equals("surname") || q.equals("name") || q.equals("family_name") || q.equals("last_name")) {
                        surnames.add(base);
                    }
                    if (q.equals("given_name") || q.equals("name") || q.equals("first_name") || q.equals("forename")) {
                        givenNames.add(base);
                    }
                }
                continue;
            }
            if (!linkableTitle(title)) {
                continue;
            }
            current = title;
            groupRows++;
            String surface = line.substring(0, tab1).strip();
            double score;
            try {
                score = Double.parseDouble(line.substring(tab2 + 1));
            } catch (NumberFormatException e) {
                continue;
            }
            if (score >= settings.minScore() && nameLike(surface, settings.maxSurfaceChars())) {
                groupSurfaces.add(surface);
                groupScores.add(score);
            }
        }
        TitleTypes typer = new TitleTypes(givenNames, surnames, commaParts, PLACE_QUALIFIER_MIN);
        int n = titles.count;
        Integer[] titleOrder = new Integer[n];
        for (int i = 0; i < n; i++) {
            titleOrder[i] = i;
        }
        Arrays.sort(titleOrder, titles::compare);
        int[] rank = new int[n];
        for (int r = 0; r < n; r++) {
            rank[titleOrder[r]] = r;
        }
        Integer[] surfaceOrder = new Integer[surfaces.count];
        for (int i = 0; i < surfaceOrder.length; i++) {
            surfaceOrder[i] = i;
        }
        byte[] scoreOf = surfaceScore;
        Arrays.sort(surfaceOrder, (a, b) -> {
            int c = surfaces.compare(a, b);
            return c != 0 ? c : Integer.compare(scoreOf[b] & 0xFF, scoreOf[a] & 0xFF);
        });
        // One title per surface in the input; a surface repeated (after stripping) keeps its best row.
        int m = 0;
        for (int i = 0; i < surfaceOrder.length; i++) {
            if (m == 0 || surfaces.compare(surfaceOrder[m - 1], surfaceOrder[i]) != 0) {
                surfaceOrder[m++] = surfaceOrder[i];
            }
        }

        Map<WikiDictionary.TitleType, Integer> typeCounts = new java.util.EnumMap<>(WikiDictionary.TitleType.class);
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(sink, 1 << 16));
        out.writeInt(MAGIC);
        out.writeInt(FORMAT);
        out.writeInt(n);
        int[] offsets = new int[n + 1];
        for (int r = 0; r < n; r++) {
            offsets[r + 1] = offsets[r] + titles.length(titleOrder[r]);
        }
        out.writeInt(offsets[n]);
        for (int r = 0; r < n; r++) {
            titles.write(out, titleOrder[r]);
        }
        writeInts(out, offsets);
        byte[] weights = new byte[n * 2];
        byte[] types = new byte[n];
        for (int r = 0; r < n; r++) {
            int p = Math.min(popularity[titleOrder[r]], 0xFFFF);
            weights[2 * r] = (byte) (p >>> 8);
            weights[2 * r + 1] = (byte) p;
            WikiDictionary.TitleType type = typer.type(titleNames.get(titleOrder[r]));
            types[r] = (byte) type.ordinal();
            typeCounts.merge(type, 1, Integer::sum);
        }
        out.write(weights);
        out.write(types);
        out.writeInt(m);
        int[] surfaceOffsets = new int[m + 1];
        for (int i = 0; i < m; i++) {
            surfaceOffsets[i + 1] = surfaceOffsets[i] + surfaces.length(surfaceOrder[i]);
        }
        out.writeInt(surfaceOffsets[m]);
        for (int i = 0; i < m; i++) {
            surfaces.write(out, surfaceOrder[i]);
        }
        writeInts(out, surfaceOffsets);
        int[] titleOfSurface = new int[m];
        byte[] scores = new byte[m];
        for (int i = 0; i < m; i++) {
            titleOfSurface[i] = rank[surfaceTitle[surfaceOrder[i]]];
            scores[i] = surfaceScore[surfaceOrder[i]];
        }
        writeInts(out, titleOfSurface);
        out.write(scores);
        out.flush();
        return new Stats(rows, m, n, typeCounts);
    }

    private static void writeInts(OutputStream out, int[] values) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4);
        b.asIntBuffer().put(values);
        out.write(b.array());
    }

    /** Titles of articles (no namespace pages, no lists). */
    static boolean linkableTitle(String title) {
        if (title.isEmpty() || title.startsWith("List_of_") || title.startsWith("Lists_of_")) {
            return false;
        }
        int colon = title.indexOf(':');
        if (colon > 0) {
            String ns = title.substring(0, colon);
            return !(ns.equals("Category") || ns.equals("File") || ns.equals("Wikipedia") || ns.equals("Template")
                    || ns.equals("Portal") || ns.equals("Help") || ns.equals("Image") || ns.equals("Special")
                    || ns.equals("Talk") || ns.equals("User") || ns.equals("Wiktionary"));
        }
        return true;
    }

    /** A surface that can be a name in running text. */
    static boolean nameLike(String surface, int maxChars) {
        int n = surface.length();
        if (n == 0 || n > maxChars) {
            return false;
        }
        int first = surface.codePointAt(0);
        if (!Character.isUpperCase(first) && !Character.isDigit(first)) {
            return false;
        }
        int words = 1;
        for (int i = 0; i < n; i++) {
            char c = surface.charAt(i);
            if (c == ' ') {
                if (++words > 6) {
                    return false;
                }
            } else if (c < ' ' || "|<>[]{}=@#*_\\/:".indexOf(c) >= 0) {
                return false;
            } else if (Character.isLetter(c) && Character.UnicodeScript.of(c) != Character.UnicodeScript.LATIN) {
                return false;
            }
        }
        String lower = surface.toLowerCase(Locale.ROOT);
        return !(lower.contains("wiki") || lower.contains("http") || lower.contains("www.") || lower.contains(".com")
                || lower.contains(".org"));
    }
}
