package dev.newsflow.ingest.page;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.newsflow.ingest.normalize.Dates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extracts an article page's main text (Readability4J, a port of Mozilla's Readability, over a
 * jsoup DOM), its published time (JSON-LD {@code datePublished}, then meta tags such as
 * {@code article:published_time}) and its authors (JSON-LD, then meta tags). Thread-safe.
 */
public final class ArticlePageExtractor {
    private static final Logger LOG = LoggerFactory.getLogger(ArticlePageExtractor.class);
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.ALLOW_COMMENTS)
            .enable(JsonParser.Feature.ALLOW_UNQUOTED_CONTROL_CHARS)
            .enable(JsonParser.Feature.ALLOW_TRAILING_COMMA)
            .build();
    private static final Set<String> ARTICLE_TYPES = Set.of("newsarticle", "article", "reportagenewsarticle",
            "analysisnewsarticle", "opinionnewsarticle", "backgroundnewsarticle", "blogposting", "liveblogposting",
            "webpage", "report", "scholarlyarticle", "socialmediaposting");
    /** Meta tags that carry the published time, in order of trust. */
    private static final List<String> DATE_META = List.of("article:published_time", "og:article:published_time",
            "datepublished", "publish-date", "publishdate", "pubdate", "parsely-pub-date", "sailthru.date",
            "dc.date.issued", "dcterms.created", "dc.date", "date", "article.published", "published_time",
            "cxenseparse:recs:publishtime", "og:published_time");
    private static final List<String> AUTHOR_META = List.of("author", "article:author", "og:article:author",
            "parsely-author", "sailthru.author", "dc.creator", "byl");

    private final MainText mainText;

    /** The extractor ingest uses: every {@link ExtractionRule} on. */
    public ArticlePageExtractor() {
        this(java.util.EnumSet.allOf(ExtractionRule.class));
    }

    /** An extractor with only the given rules (for measuring what each rule is worth). */
    public ArticlePageExtractor(Set<ExtractionRule> rules) {
        this.mainText = new MainText(java.util.EnumSet.copyOf(rules.isEmpty() ? java.util.EnumSet.noneOf(ExtractionRule.class) : rules));
    }

    /** Readability alone, as before issue 11: the reference in the extraction benchmark. */
    public static ArticlePageExtractor bare() {
        return new ArticlePageExtractor(java.util.EnumSet.noneOf(ExtractionRule.class));
    }

    /** Extracts from {@code html} fetched from {@code url}. */
    public PageContent extract(String html, String url) {
        return extract(Jsoup.parse(html, url), url);
    }

    /**
     * Extracts from raw page bytes; without a declared charset, jsoup finds it from the BOM or
     * the page's {@code <meta charset>}, else UTF-8.
     */
    public PageContent extract(byte[] html, java.nio.charset.Charset declared, String url) {
        try {
            return extract(Jsoup.parse(new java.io.ByteArrayInputStream(html), declared == null ? null : declared.name(), url), url);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private PageContent extract(Document doc, String url) {
        List<JsonNode> jsonLd = articleObjects(doc);
        Instant published = null;
        String dateSource = null;
        for (JsonNode node : jsonLd) {
            Optional<Instant> date = Dates.parse(node.path("datePublished").asText(null));
            if (date.isPresent()) {
                published = date.get();
                dateSource = "json-ld";
                break;
            }
        }
        if (published == null) {
            for (String name : DATE_META) {
                Optional<Instant> date = Dates.parse(meta(doc, name));
                if (date.isPresent()) {
                    published = date.get();
                    dateSource = "meta:" + name;
                    break;
                }
            }
        }
        if (published == null) {
            Element time = doc.selectFirst("[itemprop=datePublished][datetime], article time[datetime], time[pubdate][datetime]");
            if (time != null) {
                published = Dates.parse(time.attr("datetime")).orElse(null);
                dateSource = published == null ? null : "meta:time";
            }
        }
        List<String> authors = new ArrayList<>();
        jsonLd.forEach(node -> collectAuthors(node.path("author"), authors));
        if (authors.isEmpty()) {
            for (String name : AUTHOR_META) {
                String value = meta(doc, name);
                if (value != null && !value.isBlank() && !value.startsWith("http")) {
                    for (String author : value.split("\\s*(?:,|;| and )\\s*")) {
                        addAuthor(authors, author.replaceFirst("(?i)^by\\s+", ""));
                    }
                    break;
                }
            }
        }
        String title = jsonLd.stream().map(n -> n.path("headline").asText("")).filter(s -> !s.isBlank()).findFirst()
                .orElseGet(() -> Optional.ofNullable(meta(doc, "og:title")).orElse(doc.title()));
        if (title != null && title.indexOf('&') >= 0) {
            title = org.jsoup.parser.Parser.unescapeEntities(title, false);
        }
        Element canonical = doc.selectFirst("link[rel=canonical][href]");
        String canonicalUrl = canonical == null ? null : canonical.absUrl("href");
        String articleBody = jsonLd.stream().map(n -> n.path("articleBody").asText("")).filter(s -> !s.isBlank())
                .findFirst().orElse(null);
        MainText.Result text = mainText.extract(doc, url, title, authors, articleBody);
        return new PageContent(title == null || title.isBlank() ? null : title.strip(), text.text(), published,
                dateSource, List.copyOf(authors), canonicalUrl == null || canonicalUrl.isBlank() ? null : canonicalUrl,
                text.source());
    }

    private static String meta(Document doc, String name) {
        for (Element meta : doc.select("meta[content]")) {
            for (String attr : List.of("property", "name", "itemprop")) {
                if (meta.attr(attr).toLowerCase(Locale.ROOT).equals(name)) {
                    return meta.attr("content");
                }
            }
        }
        return null;
    }

    private static List<JsonNode> articleObjects(Document doc) {
        List<JsonNode> found = new ArrayList<>();
        for (Element script : doc.select("script[type=application/ld+json]")) {
            try {
                collectArticles(JSON.readTree(script.data()), found, 0);
            } catch (Exception e) {
                LOG.debug("Ignoring malformed JSON-LD block: {}", e.getMessage());
            }
        }
        return found;
    }

    private static void collectArticles(JsonNode node, List<JsonNode> found, int depth) {
        if (node == null || depth > 5) {
            return;
        }
        if (node.isArray()) {
            node.forEach(child -> collectArticles(child, found, depth + 1));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        JsonNode type = node.path("@type");
        List<String> types = new ArrayList<>();
        if (type.isArray()) {
            type.forEach(t -> types.add(t.asText().toLowerCase(Locale.ROOT)));
        } else {
            types.add(type.asText("").toLowerCase(Locale.ROOT));
        }
        if (types.stream().anyMatch(ARTICLE_TYPES::contains)) {
            found.add(node);
        }
        collectArticles(node.get("@graph"), found, depth + 1);
        collectArticles(node.get("mainEntity"), found, depth + 1);
    }

    private static void collectAuthors(JsonNode author, List<String> authors) {
        if (author.isArray()) {
            author.forEach(a -> collectAuthors(a, authors));
        } else if (author.isObject()) {
            addAuthor(authors, author.path("name").asText(null));
        } else if (author.isTextual()) {
            addAuthor(authors, author.asText());
        }
    }

    private static void addAuthor(List<String> authors, String name) {
        if (name != null && !name.isBlank() && !authors.contains(name.strip())) {
            authors.add(name.strip());
        }
    }
}
