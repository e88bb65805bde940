package dev.newsflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsflow.ingest.normalize.ArticleNormalizer;
import dev.newsflow.ingest.normalize.RawArticle;
import dev.newsflow.ingest.page.ArticlePageExtractor;
import dev.newsflow.ingest.page.ExtractionRule;
import dev.newsflow.ingest.page.ExtractionScore;
import dev.newsflow.ingest.page.PageContent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * Runs the extraction dev set (article pages with true bodies) through the code ingest uses for
 * a fetched page: {@link ArticlePageExtractor} on the page bytes, then {@link ArticleNormalizer}
 * on the result, the body being what {@code news.articles.raw} would carry. Writes the bodies as
 * a predictions file for {@code extraction_score.py}, prints precision, recall and F1 (token
 * 4-gram shingles, per page, averaged) beside the peers' published outputs, per publisher, and
 * with each rule switched off in turn.
 *
 * <pre>bench/run.sh ExtractionEvaluation [--data DIR] [--out PRED.json] [--ablation] [--min-f1 X] [--min-precision X]</pre>
 *
 * Exits 1 when F1 or precision falls under the given floors.
 */
public final class ExtractionEvaluation {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ExtractionEvaluation() {
    }

    public static void main(String[] args) throws IOException {
        Path data = Path.of("../shared/data/dev/extraction");
        Path out = Path.of("bench/target/extraction-pred.json");
        boolean ablation = false;
        double minF1 = 0;
        double minPrecision = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--ablation" -> ablation = true;
                case "--min-f1" -> minF1 = Double.parseDouble(args[++i]);
                case "--min-precision" -> minPrecision = Double.parseDouble(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        JsonNode gold = JSON.readTree(data.resolve("ground_truth.json").toFile());
        Map<String, byte[]> pages = new TreeMap<>();
        for (var it = gold.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            try (InputStream in = new GZIPInputStream(Files.newInputStream(data.resolve("html").resolve(name)))) {
                pages.put(name, in.readAllBytes());
            }
        }
        Map<String, String> goldBodies = new TreeMap<>();
        pages.keySet().forEach(name -> goldBodies.put(name, text(gold.get(name).get("body"))));

        Map<String, String> bare = run(gold, pages, ArticlePageExtractor.bare());
        Map<String, String> ours = run(gold, pages, new ArticlePageExtractor());
        ObjectNode pred = JSON.createObjectNode();
        ours.forEach((name, body) -> pred.putObject(name).put("body", body));
        Files.createDirectories(out.toAbsolutePath().getParent());
        JSON.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), pred);

        System.out.printf("Extraction dev set: %d pages, %s (predictions in %s)%n", pages.size(), data, out);
        ExtractionScore total = ExtractionScore.of(goldBodies, ours);
        Map<String, ExtractionScore> rows = new LinkedHashMap<>();
        rows.put("newsflow", total);
        rows.put("newsflow-bare", ExtractionScore.of(goldBodies, bare));
        try (var peers = Files.list(data.resolve("peers"))) {
            for (Path peer : peers.sorted().toList()) {
                JsonNode node = JSON.readTree(peer.toFile());
                Map<String, String> bodies = new HashMap<>();
                node.fields().forEachRemaining(e -> bodies.put(e.getKey(), text(e.getValue().get("body"))));
                rows.put(peer.getFileName().toString().replace(".json", ""), ExtractionScore.of(goldBodies, bodies));
            }
        }
        rows.forEach((name, s) -> System.out.printf("  %-14s F1 %.3f  precision %.3f  recall %.3f%n", name, s.f1(), s.precision(), s.recall()));
        System.out.println("  (newsflow-bare: Readability4J alone, the extraction before issue 11)");

        System.out.println("Per publisher (newsflow | bare):");
        Map<String, Map<String, String>> goldBy = new TreeMap<>();
        goldBodies.forEach((name, body) -> goldBy.computeIfAbsent(publisher(name), k -> new TreeMap<>()).put(name, body));
        goldBy.forEach((pub, g) -> {
            ExtractionScore s = ExtractionScore.of(g, ours);
            ExtractionScore b = ExtractionScore.of(g, bare);
            System.out.printf("  %-18s F1 %.3f  P %.3f  R %.3f  |  F1 %.3f  P %.3f  R %.3f%n", pub, s.f1(), s.precision(),
                    s.recall(), b.f1(), b.precision(), b.recall());
        });

        metadata(gold, pages);

        if (ablation) {
            System.out.println("Ablation (each rule off alone):");
            System.out.printf("  %-26s F1 %.3f  precision %.3f  recall %.3f%n", "all rules", total.f1(), total.precision(), total.recall());
            for (ExtractionRule rule : ExtractionRule.values()) {
                Set<ExtractionRule> rules = EnumSet.allOf(ExtractionRule.class);
                rules.remove(rule);
                ExtractionScore s = ExtractionScore.of(goldBodies, run(gold, pages, new ArticlePageExtractor(rules)));
                System.out.printf("  without %-18s F1 %.3f  precision %.3f  recall %.3f%n", rule.key(), s.f1(), s.precision(), s.recall());
            }
        }
        if (total.f1() < minF1 || total.precision() < minPrecision) {
            System.out.printf("FLOOR MISSED: F1 %.3f (floor %.3f), precision %.3f (floor %.3f)%n", total.f1(), minF1,
                    total.precision(), minPrecision);
            System.exit(1);
        }
    }

    /**
     * What the metadata steps find on the dev pages: where each field came from, and two checks
     * against facts of the set (a published date on or before the crawl date and at most 60 days
     * earlier; the language of each page, English except one French Reuters page, checked by hand).
     */
    private static void metadata(JsonNode gold, Map<String, byte[]> pages) {
        ArticlePageExtractor extractor = new ArticlePageExtractor();
        Map<String, Map<String, Integer>> sources = new TreeMap<>();
        int dated = 0;
        int plausible = 0;
        int withOffset = 0;
        int withAuthors = 0;
        int languageRight = 0;
        int withImage = 0;
        int withCanonical = 0;
        for (var e : pages.entrySet()) {
            String url = gold.get(e.getKey()).path("url").asText();
            PageContent page = extractor.extract(e.getValue(), null, url);
            page.sources().forEach((field, source) -> sources.computeIfAbsent(field, k -> new TreeMap<>()).merge(source, 1, Integer::sum));
            if (page.publishedAt() != null) {
                dated++;
                // crawl_date is "2024-02-28 13:06:44.083593", UTC
                Instant crawl = java.time.LocalDateTime.parse(gold.get(e.getKey()).path("crawl_date").asText().replace(' ', 'T'))
                        .toInstant(java.time.ZoneOffset.UTC);
                if (!page.publishedAt().isAfter(crawl.plusSeconds(86_400)) && page.publishedAt().isAfter(crawl.minusSeconds(60L * 86_400))) {
                    plausible++;
                }
                if (page.publishedLocal() != null) {
                    withOffset++;
                }
            }
            withAuthors += page.authors().isEmpty() ? 0 : 1;
            String expectedLanguage = e.getKey().equals("Reuters_4.html.gz") ? "fr" : "en";
            languageRight += expectedLanguage.equals(page.language()) ? 1 : 0;
            withImage += page.imageUrl() == null ? 0 : 1;
            withCanonical += page.canonicalUrl() == null ? 0 : 1;
        }
        int n = pages.size();
        System.out.printf("Metadata on %d pages: published date %d (%d within 60 days before the crawl, %d with the page's offset), "
                + "authors %d, language right %d, image %d, canonical URL %d%n", n, dated, plausible, withOffset, withAuthors,
                languageRight, withImage, withCanonical);
        sources.forEach((field, counts) -> System.out.printf("  %-13s %s%n", field, counts));
    }

    /** The body ingest would publish for each page: extractor, then the normalizer. */
    private static Map<String, String> run(JsonNode gold, Map<String, byte[]> pages, ArticlePageExtractor extractor) {
        ArticleNormalizer normalizer = new ArticleNormalizer(1_000_000, false);
        Map<String, String> bodies = new TreeMap<>();
        pages.forEach((name, html) -> {
            String url = gold.get(name).path("url").asText();
            PageContent content = extractor.extract(html, null, url);
            RawArticle raw = new RawArticle("bench").link(url).title(content.title()).text(content.text());
            bodies.put(name, normalizer.normalize(raw, Instant.EPOCH).getBody());
        });
        return bodies;
    }

    private static String publisher(String file) {
        return file.replaceFirst("_\\d+\\.html\\.gz$", "");
    }

    private static String text(JsonNode body) {
        if (body == null) {
            return "";
        }
        if (body.isArray()) {
            List<String> parts = new ArrayList<>();
            body.forEach(p -> parts.add(p.asText()));
            return String.join("\n", parts);
        }
        return body.asText("");
    }
}
