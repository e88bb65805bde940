package dev.newsflow.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsflow.ingest.IngestConfig;
import dev.newsflow.ingest.fetch.FetchException;
import dev.newsflow.ingest.fetch.FetchResponse;
import dev.newsflow.ingest.fetch.SafeHttpClient;
import dev.newsflow.ingest.normalize.ArticleNormalizer;
import dev.newsflow.ingest.normalize.RawArticle;
import dev.newsflow.ingest.page.ArticlePageExtractor;
import dev.newsflow.ingest.page.PageArticles;
import dev.newsflow.ingest.page.PageContent;
import dev.newsflow.schemas.avro.Article;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./newsflow extract URL|FILE}: one article page through ingest's extraction and
 * normalization, printed as JSON with how each field was found, for checking a source.
 */
@Command(name = "extract", mixinStandardHelpOptions = true,
        description = "Extract one article page (a URL, or a saved .html file) as ingest would, and print it as JSON: "
                + "title, body, dates, authors, language, canonical URL, image, and how each field was found.")
final class ExtractCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Parameters(paramLabel = "URL|FILE", description = "An http(s) URL to fetch, or a saved page (.html/.htm).")
    String target;

    @Option(names = "--allow-private-addresses",
            description = "Allow fetching from loopback and private addresses (off by default, as in ingest).")
    boolean allowPrivate;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ArticlePageExtractor extractor = new ArticlePageExtractor();
        PageContent page;
        String link;
        try {
            if (target.matches("(?i)https?://.+")) {
                IngestConfig config = new IngestConfig(Map.of(IngestConfig.ALLOW_PRIVATE, String.valueOf(allowPrivate), IngestConfig.INPUTS, target));
                try (SafeHttpClient http = new SafeHttpClient(config.fetchSettings())) {
                    FetchResponse response = http.get(target, Map.of("Accept", "text/html, application/xhtml+xml;q=0.9"),
                            Set.of("text/html", "application/xhtml+xml"));
                    page = extractor.extract(response.body(), response.charset().orElse(null), response.url());
                    link = response.url();
                }
            } else {
                Path file = Path.of(target);
                if (!Files.isRegularFile(file)) {
                    err.println("extract: no such file: " + target);
                    err.flush();
                    return 2;
                }
                byte[] html = Files.readAllBytes(file);
                page = extractor.extract(html, null, file.toAbsolutePath().toUri().toString());
                link = page.canonicalUrl() != null && page.canonicalUrl().matches("(?i)https?://.+") ? page.canonicalUrl() : null;
                if (link != null) {
                    page = extractor.extract(html, null, link);
                }
            }
        } catch (FetchException e) {
            err.println("extract: could not fetch " + target + ": " + e.getMessage());
            err.flush();
            return 1;
        } catch (IOException e) {
            err.println("extract: could not read " + target + ": " + e.getMessage());
            err.flush();
            return 1;
        }
        RawArticle raw = PageArticles.apply(page, new RawArticle(target).link(link), "");
        Article article;
        try {
            article = new ArticleNormalizer(1_000_000, true).normalize(raw, Instant.now());
        } catch (RuntimeException e) {
            err.println("extract: nothing to extract from " + target + ": " + e.getMessage());
            err.flush();
            return 1;
        }
        ObjectNode json = JSON.createObjectNode();
        json.put("id", article.getId());
        json.put("url", article.getUrl());
        json.put("title", article.getTitle());
        json.put("publishedAt", article.getPublishedAt() == null ? null : article.getPublishedAt().toString());
        json.put("publishedAtLocal", article.getPublishedAtLocal());
        json.put("modifiedAt", page.modifiedAt() == null ? null : page.modifiedAt().toString());
        json.putPOJO("authors", article.getAuthors());
        json.put("language", article.getLanguage());
        json.put("canonicalUrl", page.canonicalUrl());
        json.put("imageUrl", article.getImageUrl());
        json.put("dateline", article.getDateline());
        json.put("body", article.getBody());
        ObjectNode found = json.putObject("found");
        page.sources().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> found.put(e.getKey(), e.getValue()));
        if (article.getLanguage() != null && page.language() == null) {
            found.put("language", "detected");
        }
        try {
            out.println(JSON.writeValueAsString(json));
            out.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return 0;
    }
}
