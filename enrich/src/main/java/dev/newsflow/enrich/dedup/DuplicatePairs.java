package dev.newsflow.enrich.dedup;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Builds a labelled pair set from source articles at evaluation time (nothing of the sources is
 * stored): for each article, copies made the way syndication changes a wire story, which must
 * match, and other articles close to it, which must not. The same sources and seed give the
 * same pairs.
 *
 * <p>Copies (positives): the same text under another headline with a wire dateline; the ending
 * trimmed to 55-80 % of the paragraphs; the ending extended with paragraphs of another article;
 * a different lead (the first paragraph replaced by one of another article, the second dropped);
 * page furniture inserted between paragraphs and a footer; paragraphs re-flowed (joined, split at
 * sentences, typographic quotes and dashes swapped, line breaks changed); and all of trimmed,
 * other lead and furniture at once.
 *
 * <p>Different articles (negatives): the nearest other article by shared shingles (same topic
 * or same publisher's furniture); another article by the same publisher; and a different
 * article on the same event, made of another article's text that quotes two paragraphs of this
 * one (a follow-up citing the first report).
 */
public final class DuplicatePairs {
    /** A source article: an id, its publisher (for same-publisher pairs) and its paragraphs. */
    public record Source(String id, String publisher, List<String> paragraphs) {
        public String text() {
            return String.join("\n\n", paragraphs);
        }
    }

    public enum Kind {
        HEADLINE(true), TRIMMED(true), EXTENDED(true), OTHER_LEAD(true), FURNITURE(true), REFLOWED(true), COMBINED(true),
        NEAREST_OTHER(false), SAME_PUBLISHER(false), SAME_EVENT(false);

        public final boolean copy;

        Kind(boolean copy) {
            this.copy = copy;
        }
    }

    /** One labelled pair: {@code first} is the source article, {@code second} the copy or the other article. */
    public record Pair(Kind kind, String sourceId, String first, String second) {
        public boolean copy() {
            return kind.copy;
        }
    }

    private static final List<String> FURNITURE = List.of(
            "Advertisement", "ADVERTISEMENT", "Story continues below", "Sign up for our daily newsletter",
            "Share this article", "Photo: Getty Images", "Read more:", "RELATED COVERAGE", "Scroll to continue reading",
            "Follow us on Twitter and Facebook", "Subscribe now for unlimited access");

    private DuplicatePairs() {
    }

    public static List<Pair> generate(List<Source> sources, long seed) {
        if (sources.size() < 3) {
            throw new IllegalArgumentException("need at least 3 source articles, got " + sources.size());
        }
        Random random = new Random(seed);
        List<int[]> shingles = sources.stream().map(s -> Shingles.of(s.text())).toList();
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            Source a = sources.get(i);
            List<String> p = a.paragraphs();
            Source other = sources.get(otherIndex(random, sources.size(), i));
            String text = a.text();
            pairs.add(new Pair(Kind.HEADLINE, a.id(), text, dateline(random) + text));
            pairs.add(new Pair(Kind.TRIMMED, a.id(), text, join(trim(random, p))));
            List<String> extended = new ArrayList<>(p);
            extended.addAll(other.paragraphs().subList(0, Math.min(3, other.paragraphs().size())));
            pairs.add(new Pair(Kind.EXTENDED, a.id(), text, join(extended)));
            pairs.add(new Pair(Kind.OTHER_LEAD, a.id(), text, join(otherLead(p, other))));
            pairs.add(new Pair(Kind.FURNITURE, a.id(), text, join(furnish(random, p, other))));
            pairs.add(new Pair(Kind.REFLOWED, a.id(), text, reflow(random, p)));
            pairs.add(new Pair(Kind.COMBINED, a.id(), text, join(furnish(random, otherLead(trim(random, p), other), other))));

            int nearest = -1;
            double best = -1;
            for (int j = 0; j < sources.size(); j++) {
                double s = j == i ? -1 : NearDuplicates.similarity(shingles.get(i), shingles.get(j));
                if (s > best) {
                    best = s;
                    nearest = j;
                }
            }
            pairs.add(new Pair(Kind.NEAREST_OTHER, a.id(), text, sources.get(nearest).text()));
            List<Source> samePublisher = sources.stream()
                    .filter(s -> s != a && s.publisher().equals(a.publisher())).toList();
            if (!samePublisher.isEmpty()) {
                pairs.add(new Pair(Kind.SAME_PUBLISHER, a.id(), text,
                        samePublisher.get(random.nextInt(samePublisher.size())).text()));
            }
            pairs.add(new Pair(Kind.SAME_EVENT, a.id(), text, join(followUp(random, p, other))));
        }
        return pairs;
    }

    private static int otherIndex(Random random, int size, int not) {
        int j = random.nextInt(size - 1);
        return j >= not ? j + 1 : j;
    }

    private static String join(List<String> paragraphs) {
        return String.join("\n\n", paragraphs);
    }

    private static String dateline(Random random) {
        return List.of("LONDON (Reuters) - ", "WASHINGTON (AP) — ", "PARIS, AFP - ", "NEW YORK: ").get(random.nextInt(4));
    }

    private static List<String> trim(Random random, List<String> p) {
        double keep = 0.55 + 0.25 * random.nextDouble();
        return new ArrayList<>(p.subList(0, Math.max(1, (int) Math.round(p.size() * keep))));
    }

    private static List<String> otherLead(List<String> p, Source other) {
        List<String> out = new ArrayList<>();
        out.add(other.paragraphs().get(other.paragraphs().size() / 2));
        out.addAll(p.subList(Math.min(p.size(), p.size() > 3 ? 2 : 1), p.size()));
        return out;
    }

    private static List<String> furnish(Random random, List<String> p, Source other) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < p.size(); i++) {
            out.add(p.get(i));
            if (i % 3 == 1) {
                String line = FURNITURE.get(random.nextInt(FURNITURE.size()));
                out.add(line.equals("Read more:") ? line + " " + firstWords(other.paragraphs().get(0), 10) : line);
            }
        }
        out.add("© 2024 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.");
        return out;
    }

    private static String reflow(Random random, List<String> p) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < p.size(); i++) {
            String para = p.get(i).replace('\u201c', '"').replace('\u201d', '"').replace('\u2019', '\'')
                    .replace(" \u2014 ", " -- ").replace("  ", " ");
            if (random.nextBoolean()) {
                para = para.replace(". ", ".\n");
            }
            out.append(para);
            out.append(i % 2 == 0 ? " " : "\r\n\r\n");
        }
        return out.toString().strip();
    }

    private static List<String> followUp(Random random, List<String> p, Source other) {
        List<String> out = new ArrayList<>(other.paragraphs());
        List<String> quoted = new ArrayList<>(p.stream().sorted(Comparator.comparingInt(String::length).reversed()).limit(2).toList());
        out.add(Math.min(1, out.size()), quoted.get(0));
        if (quoted.size() > 1 && random.nextBoolean()) {
            out.add(out.size() / 2, quoted.get(1));
        }
        return out;
    }

    private static String firstWords(String text, int n) {
        String[] words = text.split("\\s+");
        return String.join(" ", java.util.Arrays.asList(words).subList(0, Math.min(n, words.length)));
    }
}
