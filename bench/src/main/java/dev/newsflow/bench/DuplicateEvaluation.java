package dev.newsflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsflow.enrich.dedup.DuplicatePairs;
import dev.newsflow.enrich.dedup.DuplicatePairs.Kind;
import dev.newsflow.enrich.dedup.DuplicatePairs.Pair;
import dev.newsflow.enrich.dedup.DuplicatePairs.Source;
import dev.newsflow.enrich.dedup.NearDuplicates;
import dev.newsflow.enrich.dedup.NearDuplicates.Fingerprint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * Precision and recall of near-duplicate detection on a pair set generated at run time
 * ({@link DuplicatePairs}) from the true bodies of the 80 extraction dev pages and the bundled
 * samples: per kind of copy (recall) and of different article (false matches), for the
 * detector enrich uses beside the exact match NewsFlow had before (same text), a 64-bit SimHash
 * at Hamming distance 3, and each half of the detector alone, plus a threshold sweep.
 *
 * <pre>bench/run.sh DuplicateEvaluation [--data DIR] [--samples DIR] [--seed N] [--min-precision X] [--min-recall X]</pre>
 *
 * The detector's rows are followed by the same pairs through the enrich topology
 * ({@link TopologyPairs}), this build's and, with {@code -Dother.builds=label=classes-dir}, other builds'.
 *
 * Exits 1 when the detector's precision or recall falls under the given floors.
 */
public final class DuplicateEvaluation {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DuplicateEvaluation() {
    }

    public static void main(String[] args) throws IOException {
        Path data = Path.of("../shared/data/dev/extraction");
        Path samples = Path.of("app/src/main/resources/dev/newsflow/app/samples");
        long seed = 16;
        double minPrecision = 0;
        double minRecall = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = Path.of(args[++i]);
                case "--samples" -> samples = Path.of(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--min-precision" -> minPrecision = Double.parseDouble(args[++i]);
                case "--min-recall" -> minRecall = Double.parseDouble(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        List<Source> sources = sources(data, samples);
        List<Pair> pairs = DuplicatePairs.generate(sources, seed);
        System.out.printf(Locale.ROOT, "Pair set: %d sources (%s, %s), seed %d: %d pairs, %d copies, %d different%n",
                sources.size(), data, samples, seed, pairs.size(), pairs.stream().filter(Pair::copy).count(),
                pairs.stream().filter(p -> !p.copy()).count());

        NearDuplicates detector = NearDuplicates.defaults();
        List<Scored> scored = pairs.stream().map(p -> {
            Fingerprint a = detector.fingerprint(p.first());
            Fingerprint b = detector.fingerprint(p.second());
            return new Scored(p, a, b, NearDuplicates.verifiedSimilarity(a, b));
        }).toList();

        Map<String, BiPredicate<Scored, NearDuplicates>> methods = new LinkedHashMap<>();
        methods.put("exact text (before)", (s, d) -> normalized(s.pair.first()).equals(normalized(s.pair.second())));
        methods.put("SimHash-64, Hamming <= 3", (s, d) -> Long.bitCount(simHash(s.a.shingles()) ^ simHash(s.b.shingles())) <= 3);
        methods.put("LSH candidates only", (s, d) -> NearDuplicates.candidates(s.a, s.b));
        methods.put("verification only", (s, d) -> d.verified(s.a, s.b, s.similarity));
        methods.put("LSH + Jaccard >= 0.5", (s, d) -> NearDuplicates.candidates(s.a, s.b)
                && NearDuplicates.jaccard(s.a.shingles(), s.b.shingles()) >= 0.5);
        methods.put("LSH + overlap on all shingles", (s, d) -> NearDuplicates.candidates(s.a, s.b)
                && d.verified(s.a, s.b, NearDuplicates.similarity(s.a.shingles(), s.b.shingles())));
        // Smaller verification sketches the band index could hold instead of the sample.
        for (int k : new int[] {64, 128, 256}) {
            methods.put("LSH + overlap, bottom-" + k + " sketch", (s, d) -> NearDuplicates.candidates(s.a, s.b)
                    && d.verified(s.a, s.b, bottomKOverlap(s.a.shingles(), s.b.shingles(), k)));
        }
        methods.put("LSH + overlap, quarter from 256 (before)", (s, d) -> NearDuplicates.candidates(s.a, s.b)
                && d.verified(s.a, s.b, quarterOverlap(s.a.shingles(), s.b.shingles())));
        methods.put("detector (LSH + overlap >= " + detector.threshold() + ", sample <= " + NearDuplicates.SAMPLE_CAP + ")", (s, d) -> d.matches(s.a, s.b));

        System.out.printf(Locale.ROOT, "%n%-44s %6s %6s %6s", "method", "P", "R", "F1");
        for (Kind kind : Kind.values()) {
            System.out.printf(Locale.ROOT, " %14s", kind.name().toLowerCase(Locale.ROOT));
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%-44s %6s %6s %6s", "(share matched per kind)", "", "", "");
        for (Kind kind : Kind.values()) {
            System.out.printf(Locale.ROOT, " %14s", kind.copy ? "copy" : "different");
        }
        System.out.println();
        double[] full = null;
        for (var method : methods.entrySet()) {
            double[] prf = row(method.getKey(), scored, s -> method.getValue().test(s, detector));
            full = prf;
        }
        // What each verification sketch weighs per article (4 bytes a hash), over the source texts.
        System.out.printf(Locale.ROOT, "%nverification sketch, mean bytes per article over the %d source texts: "
                        + "all shingles %.0f, quarter from 256 (before) %.0f, sample <= %d (now) %.0f, bottom-64 %.0f, bottom-128 %.0f, bottom-256 %.0f%n",
                sources.size(),
                sources.stream().mapToInt(t -> 4 * detector.fingerprint(t.text()).shingles().length).average().orElse(0),
                sources.stream().mapToInt(t -> 4 * quarterFrom256(detector.fingerprint(t.text()).shingles()).length).average().orElse(0),
                NearDuplicates.SAMPLE_CAP,
                sources.stream().mapToInt(t -> 4 * detector.fingerprint(t.text()).sample().length).average().orElse(0),
                sources.stream().mapToInt(t -> 4 * bottomK(detector.fingerprint(t.text()).shingles(), 64).length).average().orElse(0),
                sources.stream().mapToInt(t -> 4 * bottomK(detector.fingerprint(t.text()).shingles(), 128).length).average().orElse(0),
                sources.stream().mapToInt(t -> 4 * bottomK(detector.fingerprint(t.text()).shingles(), 256).length).average().orElse(0));
        // The same pairs through the topology (this build's, and any other build's given with
        // -Dother.builds), which must decide as the detector does.
        Map<String, ClassLoader> builds = new LinkedHashMap<>();
        builds.put("topology, this build", DuplicateEvaluation.class.getClassLoader());
        EnrichBuilds.fromProperty().forEach((label, loader) -> builds.put("topology, " + label, loader));
        for (var build : builds.entrySet()) {
            boolean[] matched;
            try {
                matched = TopologyPairs.decide(pairs, build.getValue());
            } catch (Exception e) {
                throw new IllegalStateException("the pair set through the topology of " + build.getKey() + ": " + e, e);
            }
            Map<Scored, Boolean> decided = new java.util.IdentityHashMap<>();
            for (int i = 0; i < scored.size(); i++) {
                decided.put(scored.get(i), matched[i]);
            }
            row(build.getKey(), scored, decided::get);
        }
        System.out.printf(Locale.ROOT, "%nthreshold sweep (LSH with %d bands of %d rows, then overlap >= t)%n", detector.bands(),
                NearDuplicates.DEFAULT_ROWS);
        for (double t : new double[] {0.3, 0.4, 0.5, 0.6, 0.7, 0.8}) {
            NearDuplicates d = new NearDuplicates(NearDuplicates.DEFAULT_BANDS, NearDuplicates.DEFAULT_ROWS, t, NearDuplicates.DEFAULT_MIN_SHINGLES);
            row(String.format(Locale.ROOT, "t = %.1f", t), scored, s -> d.matches(s.a, s.b));
        }
        System.out.printf(Locale.ROOT, "%nband sweep (overlap >= %.1f)%n", detector.threshold());
        for (int[] br : new int[][] {{4, 4}, {8, 2}, {8, 4}, {16, 1}, {16, 2}, {32, 2}}) {
            NearDuplicates d = new NearDuplicates(br[0], br[1], NearDuplicates.DEFAULT_THRESHOLD, NearDuplicates.DEFAULT_MIN_SHINGLES);
            row(String.format(Locale.ROOT, "%d bands x %d rows", br[0], br[1]), scored, s -> {
                Fingerprint a = d.fingerprint(s.a.shingles());
                Fingerprint b = d.fingerprint(s.b.shingles());
                return d.matches(a, b);
            });
        }
        printSimilarities(scored);
        if (full[0] < minPrecision || full[1] < minRecall) {
            System.out.printf(Locale.ROOT, "FAIL: precision %.3f (floor %.3f), recall %.3f (floor %.3f)%n", full[0], minPrecision, full[1], minRecall);
            System.exit(1);
        }
    }

    /** The k smallest hashes of a sorted set: a bottom-k sketch. */
    private static int[] bottomK(int[] sorted, int k) {
        return sorted.length <= k ? sorted : java.util.Arrays.copyOf(sorted, k);
    }

    /**
     * The overlap coefficient estimated from two bottom-k sketches and the set sizes: Jaccard from
     * the k smallest of the union (the share of them in both sketches), then |A n B| = J (|A| + |B|) / (1 + J).
     */
    static double bottomKOverlap(int[] a, int[] b, int k) {
        if (a.length == 0 || b.length == 0) {
            return 0;
        }
        int[] sa = bottomK(a, k);
        int[] sb = bottomK(b, k);
        int i = 0;
        int j = 0;
        int taken = 0;
        int both = 0;
        while (taken < k && (i < sa.length || j < sb.length)) {
            if (j >= sb.length || i < sa.length && sa[i] < sb[j]) {
                i++;
            } else if (i >= sa.length || sb[j] < sa[i]) {
                j++;
            } else {
                both++;
                i++;
                j++;
            }
            taken++;
        }
        double jaccard = (double) both / taken;
        double shared = jaccard * (a.length + b.length) / (1 + jaccard);
        return Math.min(1, shared / Math.min(a.length, b.length));
    }

    /** The verification sample before: every shingle of a text under 256, else those whose hash ends in two zero bits. */
    static int[] quarterFrom256(int[] shingles) {
        return sampleAt(shingles, quarterRate(shingles));
    }

    private static int quarterRate(int[] shingles) {
        return shingles.length < 256 ? 1 : 4;
    }

    /** The overlap the topology verified before: both texts cut to the coarser of their rates. */
    static double quarterOverlap(int[] a, int[] b) {
        int rate = Math.max(quarterRate(a), quarterRate(b));
        return NearDuplicates.similarity(sampleAt(a, rate), sampleAt(b, rate));
    }

    private static int[] sampleAt(int[] shingles, int rate) {
        return rate == 1 ? shingles : java.util.Arrays.stream(shingles).filter(h -> (h & (rate - 1)) == 0).toArray();
    }

    private record Scored(Pair pair, Fingerprint a, Fingerprint b, double similarity) {
    }

    private static double[] row(String name, List<Scored> scored, java.util.function.Predicate<Scored> match) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        Map<Kind, int[]> perKind = new EnumMap<>(Kind.class);
        for (Scored s : scored) {
            boolean m = match.test(s);
            int[] k = perKind.computeIfAbsent(s.pair.kind(), x -> new int[2]);
            k[1]++;
            if (m) {
                k[0]++;
            }
            if (s.pair.copy()) {
                if (m) {
                    tp++;
                } else {
                    fn++;
                }
            } else if (m) {
                fp++;
            }
        }
        double p = tp + fp == 0 ? 1 : (double) tp / (tp + fp);
        double r = (double) tp / (tp + fn);
        double f1 = p + r == 0 ? 0 : 2 * p * r / (p + r);
        System.out.printf(Locale.ROOT, "%-44s %6.3f %6.3f %6.3f", name, p, r, f1);
        for (Kind kind : Kind.values()) {
            int[] k = perKind.getOrDefault(kind, new int[2]);
            System.out.printf(Locale.ROOT, " %14s", k[1] == 0 ? "-" : String.format(Locale.ROOT, "%d/%d", k[0], k[1]));
        }
        System.out.println();
        return new double[] {p, r, f1};
    }

    private static void printSimilarities(List<Scored> scored) {
        System.out.printf(Locale.ROOT, "%nverified similarity per kind: min / median / max%n");
        for (Kind kind : Kind.values()) {
            double[] v = scored.stream().filter(s -> s.pair.kind() == kind).mapToDouble(Scored::similarity).sorted().toArray();
            if (v.length > 0) {
                System.out.printf(Locale.ROOT, "%-16s %5.3f / %5.3f / %5.3f%n", kind.name().toLowerCase(Locale.ROOT), v[0], v[v.length / 2],
                        v[v.length - 1]);
            }
        }
    }

    private static String normalized(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }

    /** Charikar's SimHash over the shingle hashes (each spread to 64 bits). */
    private static long simHash(int[] shingles) {
        int[] votes = new int[64];
        for (int s : shingles) {
            long z = s * 0x9E3779B97F4A7C15L;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            z ^= z >>> 31;
            for (int bit = 0; bit < 64; bit++) {
                votes[bit] += ((z >>> bit) & 1) == 1 ? 1 : -1;
            }
        }
        long hash = 0;
        for (int bit = 0; bit < 64; bit++) {
            if (votes[bit] > 0) {
                hash |= 1L << bit;
            }
        }
        return hash;
    }

    static List<Source> sources(Path data, Path samples) throws IOException {
        List<Source> sources = new ArrayList<>();
        JsonNode gold = JSON.readTree(data.resolve("ground_truth.json").toFile());
        for (var it = gold.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            List<String> paragraphs = new ArrayList<>();
            gold.get(name).get("body").forEach(p -> {
                if (!p.asText().isBlank()) {
                    paragraphs.add(p.asText().strip());
                }
            });
            sources.add(new Source(name, name.substring(0, name.indexOf('_')), paragraphs));
        }
        for (String name : Files.readAllLines(samples.resolve("index.txt"))) {
            if (name.isBlank()) {
                continue;
            }
            String text = Files.readString(samples.resolve(name.strip()));
            List<String> lines = Arrays.stream(text.split("\\n\\s*\\n")).map(String::strip).filter(p -> !p.isEmpty()).toList();
            sources.add(new Source(name, "samples", lines.subList(1, lines.size())));
        }
        return sources;
    }
}
