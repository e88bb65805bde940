package dev.newsflow.linkdict;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The compact English Wikipedia anchor-text dictionary: which titles a name may refer to, with
 * a prior for each. Built at build time by {@link WikiDictCompactor} from CoreNLP's KBP
 * {@code wikidict.tab.gz} and bundled in this module's jar; read whole into sorted arrays (no
 * objects per entry), so one instance takes about as much heap as the file's size. Load it once
 * per JVM with {@link #shared()}; it is immutable and thread-safe.
 *
 * <p>The source dictionary maps each surface form to one title only (the one most of its links
 * go to). {@link #candidates(String)} therefore widens the set: besides that title it offers the
 * title spelled like the surface ("Cameron") and the qualified or longer titles that start with
 * it ("Paris,_Texas", "Washington,_D.C.", "Georgia_(country)", "Islamic_State_of_Iraq"), sharing the rest of the
 * probability by each title's popularity; the title spelled as a name of two words or more gets
 * at least {@value #SPELLED_PRIOR} before the priors are normalized to sum to at most 1.
 */
public final class WikiDictionary {
    /** Where the build puts the dictionary on the classpath. */
    public static final String RESOURCE = "/dev/newsflow/linkdict/wikidict.bin";
    /** Qualified titles offered for one surface at most (the most popular). */
    static final int MAX_QUALIFIED = 30;
    /** Least prior of the title spelled as a name of two words or more. */
    static final double SPELLED_PRIOR = 0.5;

    /**
     * Coarse type of a title (see {@link TitleTypes} for how it is derived). CONCEPT is a title
     * written as a common noun phrase ("Islamic_state", "Prime_minister"), not a name.
     */
    public enum TitleType { PERSON, PLACE, ORGANIZATION, OTHER, CONCEPT }

    /**
     * One title a surface may refer to.
     *
     * @param title      English Wikipedia title, underscores for spaces ("Vladimir_Putin")
     * @param prior      estimated P(title | surface) in (0, 1]; the candidates of one surface sum to at most 1
     * @param type       the title's coarse type
     * @param popularity how many distinct anchor texts link to the title (capped at 65,535)
     */
    public record Candidate(String title, double prior, TitleType type, int popularity) {
    }

    private static volatile WikiDictionary shared;

    private final byte[] titleBytes;
    private final int[] titleOffsets;
    private final char[] titlePopularity;
    private final byte[] titleTypes;
    private final byte[] surfaceBytes;
    private final int[] surfaceOffsets;
    private final int[] surfaceTitles;
    private final byte[] surfaceScores;

    private WikiDictionary(byte[] titleBytes, int[] titleOffsets, char[] titlePopularity, byte[] titleTypes,
                           byte[] surfaceBytes, int[] surfaceOffsets, int[] surfaceTitles, byte[] surfaceScores) {
        this.titleBytes = titleBytes;
        this.titleOffsets = titleOffsets;
        this.titlePopularity = titlePopularity;
        this.titleTypes = titleTypes;
        this.surfaceBytes = surfaceBytes;
        this.surfaceOffsets = surfaceOffsets;
        this.surfaceTitles = surfaceTitles;
        this.surfaceScores = surfaceScores;
    }

    /**
     * The bundled dictionary, loaded on first use and shared by the whole JVM.
     *
     * @throws IllegalStateException when the jar holds no dictionary (linkdict built without its compaction step)
     */
    public static WikiDictionary shared() {
        WikiDictionary d = shared;
        if (d == null) {
            synchronized (WikiDictionary.class) {
                d = shared;
                if (d == null) {
                    InputStream in = WikiDictionary.class.getResourceAsStream(RESOURCE);
                    if (in == null) {
                        throw new IllegalStateException("the Wikipedia dictionary " + RESOURCE
                                + " is not on the classpath; build the linkdict module (mvn -pl linkdict -am package)");
                    }
                    try (in) {
                        d = read(in);
                    } catch (IOException e) {
                        throw new UncheckedIOException("could not read the Wikipedia dictionary " + RESOURCE, e);
                    }
                    shared = d;
                }
            }
        }
        return d;
    }

    /** Reads a dictionary written by {@link WikiDictCompactor}. */
    public static WikiDictionary read(InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(stream, 1 << 16));
        if (in.readInt() != WikiDictCompactor.MAGIC) {
            throw new IOException("not a NewsFlow Wikipedia dictionary (bad magic number)");
        }
        int format = in.readInt();
        if (format != WikiDictCompactor.FORMAT) {
            throw new IOException("Wikipedia dictionary format " + format + ", this reader knows " + WikiDictCompactor.FORMAT);
        }
        int n = in.readInt();
        byte[] titleBytes = bytes(in, in.readInt());
        int[] titleOffsets = ints(in, n + 1);
        byte[] weights = bytes(in, 2 * n);
        char[] popularity = new char[n];
        ByteBuffer.wrap(weights).asCharBuffer().get(popularity);
        byte[] types = bytes(in, n);
        int m = in.readInt();
        byte[] surfaceBytes = bytes(in, in.readInt());
        int[] surfaceOffsets = ints(in, m + 1);
        int[] surfaceTitles = ints(in, m);
        byte[] scores = bytes(in, m);
        return new WikiDictionary(titleBytes, titleOffsets, popularity, types, surfaceBytes, surfaceOffsets,
                surfaceTitles, scores);
    }

    private static byte[] bytes(DataInputStream in, int n) throws IOException {
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }

    private static int[] ints(DataInputStream in, int n) throws IOException {
        byte[] b = bytes(in, n * 4);
        int[] out = new int[n];
        ByteBuffer.wrap(b).asIntBuffer().get(out);
        return out;
    }

    /** Number of surface forms. */
    public int surfaceCount() {
        return surfaceTitles.length;
    }

    /** Number of titles. */
    public int titleCount() {
        return titlePopularity.length;
    }

    /**
     * The titles a name may refer to, most probable first: the title the surface's links mostly
     * go to (prior = that share), then the title spelled as the surface and the titles qualified
     * or lengthened by it ("Paris,_Texas", "Georgia_(country)", "Islamic_State_of_Iraq"), which
     * share the rest by popularity. A surface
     * written all in capitals ("NATO" stays, "PARIS" is also tried as "Paris") and one starting
     * with "the " are tried in their other forms when the form given has no entry. Empty when
     * nothing matches.
     */
    public List<Candidate> candidates(String surface) {
        String s = surface == null ? "" : surface.strip().replaceAll("\\s+", " ");
        if (s.isEmpty()) {
            return List.of();
        }
        int exact = findSurface(s);
        if (exact < 0 && (s.startsWith("the ") || s.startsWith("The "))) {
            s = s.substring(4);
            exact = findSurface(s);
        }
        if (exact < 0 && s.length() > 4 && s.equals(s.toUpperCase(Locale.ROOT))) {
            String titled = titleCase(s);
            int t = findSurface(titled);
            if (t >= 0) {
                s = titled;
                exact = t;
            }
        }
        String asTitle = s.replace(' ', '_');
        List<Integer> others = new ArrayList<>();
        int spelled = findTitle(asTitle);
        int best = exact >= 0 ? surfaceTitles[exact] : -1;
        if (spelled >= 0 && spelled != best) {
            others.add(spelled);
        }
        List<Integer> qualified = new ArrayList<>();
        qualified(asTitle + ",_", qualified);
        qualified(asTitle + "_(", qualified);
        qualified(asTitle + "_of_", qualified);
        qualified.remove(Integer.valueOf(best));
        qualified.sort(Comparator.comparingInt((Integer t) -> titlePopularity[t]).reversed());
        others.addAll(qualified.subList(0, Math.min(MAX_QUALIFIED, qualified.size())));
        List<Candidate> out = new ArrayList<>(others.size() + 1);
        double rest = 1.0;
        if (best >= 0) {
            double p = (surfaceScores[exact] & 0xFF) / 255.0;
            out.add(candidate(best, p));
            rest = 1.0 - p;
        }
        if (!others.isEmpty()) {
            double total = 0;
            for (int t : others) {
                total += titlePopularity[t];
            }
            for (int t : others) {
                double p = rest * titlePopularity[t] / total;
                if (t == spelled && s.indexOf(' ') > 0) {
                    // A title spelled exactly as a name of two words or more is that name's article
                    // ("Matteo_Renzi", which the source gives to Province_of_Florence).
                    p = Math.max(p, SPELLED_PRIOR);
                }
                if (p > 0) {
                    out.add(candidate(t, p));
                }
            }
        }
        double sum = out.stream().mapToDouble(Candidate::prior).sum();
        if (sum > 1.0) {
            out.replaceAll(c -> new Candidate(c.title(), c.prior() / sum, c.type(), c.popularity()));
        }
        out.sort(Comparator.comparingDouble(Candidate::prior).reversed());
        return out;
    }

    /** The coarse type of a title, or null when the dictionary does not hold it. */
    public TitleType type(String title) {
        int t = findTitle(title);
        return t < 0 ? null : TitleType.values()[titleTypes[t]];
    }

    private Candidate candidate(int title, double prior) {
        return new Candidate(title(title), prior, TitleType.values()[titleTypes[title]], titlePopularity[title]);
    }

    private String title(int t) {
        return new String(titleBytes, titleOffsets[t], titleOffsets[t + 1] - titleOffsets[t], StandardCharsets.UTF_8);
    }

    private static String titleCase(String caps) {
        StringBuilder b = new StringBuilder(caps.length());
        boolean start = true;
        for (int i = 0; i < caps.length(); i++) {
            char c = caps.charAt(i);
            b.append(start ? c : Character.toLowerCase(c));
            start = !Character.isLetter(c);
        }
        return b.toString();
    }

    private int findSurface(String surface) {
        return find(surface.getBytes(StandardCharsets.UTF_8), surfaceBytes, surfaceOffsets);
    }

    private int findTitle(String title) {
        return find(title.getBytes(StandardCharsets.UTF_8), titleBytes, titleOffsets);
    }

    /** Index of the key in the sorted blob, or -1. */
    private static int find(byte[] key, byte[] blob, int[] offsets) {
        int lo = 0;
        int hi = offsets.length - 2;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = Arrays.compareUnsigned(blob, offsets[mid], offsets[mid + 1], key, 0, key.length);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /** Adds every title starting with the prefix (a qualified form of a name). */
    private void qualified(String prefix, List<Integer> into) {
        byte[] key = prefix.getBytes(StandardCharsets.UTF_8);
        int lo = 0;
        int hi = titleOffsets.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Arrays.compareUnsigned(titleBytes, titleOffsets[mid], titleOffsets[mid + 1], key, 0, key.length) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        for (int t = lo; t < titleOffsets.length - 1; t++) {
            int from = titleOffsets[t];
            int length = titleOffsets[t + 1] - from;
            if (length < key.length || Arrays.mismatch(titleBytes, from, from + key.length, key, 0, key.length) != -1) {
                break;
            }
            into.add(t);
        }
    }
}
