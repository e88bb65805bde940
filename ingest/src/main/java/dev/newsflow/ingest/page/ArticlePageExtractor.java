package dev.newsflow.ingest.page;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.newsflow.ingest.normalize.Dates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
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
    private static final List<String> MODIFIED_META = List.of("article:modified_time", "og:updated_time",
            "datemodified", "last-modified", "dcterms.modified");
    private static final java.util.regex.Pattern GENERIC_AUTHOR = java.util.regex.Pattern.compile(
            "(?i)(?:the )?(?:[\\w.]+ )?(?:staff|staff writers?|staff reporters?|admin|administrator|editor|editors|newsroom|web desk|news desk|unknown|anonymous)");
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
        Map<String, String> sources = new LinkedHashMap<>();
        Found published = date(doc, jsonLd, url, "datePublished", DATE_META, true);
        Found modified = date(doc, jsonLd, url, "dateModified", MODIFIED_META, false);

        List<String> authors = new ArrayList<>();
        jsonLd.forEach(node -> collectAuthors(node.path("author"), authors));
        if (!authors.isEmpty()) {
            sources.put("authors", "json-ld");
        } else {
            for (String name : AUTHOR_META) {
                String value = meta(doc, name);
                if (value != null && !value.isBlank() && !value.startsWith("http")) {
                    for (String author : value.split("\\s*(?:,|;| and |&)\\s*")) {
                        addAuthor(authors, author);
                    }
                    if (!authors.isEmpty()) {
                        sources.put("authors", "meta:" + name);
                        break;
                    }
                }
            }
        }
        if (authors.isEmpty()) {
            // Author markup often holds the role too ("Tom Cary, Senior Sports Correspondent"): the name itemprop when
            // there is one, else the element's text up to its first comma.
            org.jsoup.select.Elements names = doc.select("[itemprop=author] [itemprop=name]");
            for (Element e : names.isEmpty() ? doc.select("[rel=author], [itemprop=author]") : names) {
                String text = e.hasAttr("content") ? e.attr("content") : e.text();
                addAuthor(authors, text.split(",")[0]);
            }
            if (!authors.isEmpty()) {
                sources.put("authors", "markup:author");
            }
        }

        String title = jsonLd.stream().map(n -> n.path("headline").asText("")).filter(t -> !t.isBlank()).findFirst().orElse(null);
        String titleSource = "json-ld";
        if (title == null) {
            title = meta(doc, "og:title");
            titleSource = "meta:og:title";
        }
        if (title == null || title.isBlank()) {
            title = doc.title();
            titleSource = "title";
        }
        if (title != null && title.indexOf('&') >= 0) {
            title = Parser.unescapeEntities(title, false);
        }
        title = title == null || title.isBlank() ? null : title.strip();
        if (title != null) {
            sources.put("title", titleSource);
        }
        String articleBody = jsonLd.stream().map(n -> n.path("articleBody").asText("")).filter(t -> !t.isBlank())
                .findFirst().orElse(null);
        MainText.Result text = mainText.extract(doc, url, title, authors, articleBody);
        sources.put("text", text.source());
        if (published != null) {
            sources.put("publishedAt", published.source());
        }
        if (modified != null) {
            sources.put("modifiedAt", modified.source());
        }

        String canonicalUrl = null;
        Element canonical = doc.selectFirst("link[rel=canonical][href]");
        if (canonical != null && !canonical.absUrl("href").isBlank()) {
            canonicalUrl = canonical.absUrl("href");
            sources.put("canonicalUrl", "link:canonical");
        } else if (meta(doc, "og:url") != null && meta(doc, "og:url").startsWith("http")) {
            canonicalUrl = meta(doc, "og:url");
            sources.put("canonicalUrl", "meta:og:url");
        }
        String language = null;
        for (JsonNode node : jsonLd) {
            language = languageCode(node.path("inLanguage").isObject() ? node.path("inLanguage").path("alternateName").asText(null)
                    : node.path("inLanguage").asText(null));
            if (language != null) {
                sources.put("language", "json-ld");
                break;
            }
        }
        if (language == null) {
            Element html = doc.selectFirst("html[lang]");
            language = html == null ? null : languageCode(html.attr("lang"));
            if (language != null) {
                sources.put("language", "html:lang");
            }
        }
        if (language == null) {
            for (String name : List.of("og:locale", "content-language", "language", "dc.language")) {
                language = languageCode(meta(doc, name));
                if (language == null) {
                    Element equiv = doc.selectFirst("meta[http-equiv=content-language][content]");
                    language = name.equals("content-language") && equiv != null ? languageCode(equiv.attr("content")) : null;
                }
                if (language != null) {
                    sources.put("language", "meta:" + name);
                    break;
                }
            }
        }
        String image = null;
        for (JsonNode node : jsonLd) {
            image = imageUrl(node.path("image"));
            if (image != null) {
                sources.put("imageUrl", "json-ld");
                break;
            }
        }
        for (String name : List.of("og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src")) {
            if (image != null) {
                break;
            }
            String value = meta(doc, name);
            if (value != null && !value.isBlank()) {
                image = value.strip();
                sources.put("imageUrl", "meta:" + name);
            }
        }
        if (image == null && doc.selectFirst("link[rel=image_src][href]") != null) {
            image = doc.selectFirst("link[rel=image_src][href]").attr("href");
            sources.put("imageUrl", "link:image_src");
        }
        image = absolute(url, image);
        if (image == null) {
            sources.remove("imageUrl");
        }
        return new PageContent(title, text.text(), published == null ? null : published.instant(),
                published == null ? null : published.local(), published == null ? null : published.source(),
                modified == null ? null : modified.instant(), List.copyOf(authors), language, canonicalUrl, image,
                text.source(), Map.copyOf(sources));
    }

    /** A date and where it was found; {@code local} keeps the page's own UTC offset when it gave one. */
    private record Found(Instant instant, String local, String source) {
    }

    /** JSON-LD, then meta tags, then a {@code <time>} element, then (published only) a date in the URL. */
    private static Found date(Document doc, List<JsonNode> jsonLd, String url, String field, List<String> metaNames,
                              boolean published) {
        for (JsonNode node : jsonLd) {
            String value = node.path(field).asText(null);
            Optional<Instant> date = Dates.parse(value);
            if (date.isPresent()) {
                return new Found(date.get(), withOffset(value), "json-ld");
            }
        }
        for (String name : metaNames) {
            String value = meta(doc, name);
            Optional<Instant> date = Dates.parse(value);
            if (date.isPresent()) {
                return new Found(date.get(), withOffset(value), "meta:" + name);
            }
        }
        Element time = doc.selectFirst(published
                ? "[itemprop=datePublished][datetime], [itemprop=datePublished][content], article time[datetime], time[pubdate][datetime], time[datetime]"
                : "[itemprop=dateModified][datetime], [itemprop=dateModified][content]");
        if (time != null) {
            String value = time.hasAttr("datetime") ? time.attr("datetime") : time.attr("content");
            Optional<Instant> date = Dates.parse(value);
            if (date.isPresent()) {
                return new Found(date.get(), withOffset(value), "time");
            }
        }
        if (published) {
            Optional<Instant> date = Dates.fromUrl(url);
            if (date.isPresent()) {
                return new Found(date.get(), null, "url");
            }
        }
        return null;
    }

    /** The time as the page wrote it, ISO-8601 with its UTC offset; null when the page gave no offset. */
    static String withOffset(String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip().replace(' ', 'T');
        if (v.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?[+-]\\d{4}")) {
            v = v.substring(0, v.length() - 2) + ":" + v.substring(v.length() - 2);
        }
        try {
            return java.time.OffsetDateTime.parse(v).toString();
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static String languageCode(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String code = value.strip().split("[-_]")[0].toLowerCase(Locale.ROOT);
        return code.matches("[a-z]{2,3}") ? code : null;
    }

    private static String imageUrl(JsonNode image) {
        if (image.isArray()) {
            return image.isEmpty() ? null : imageUrl(image.get(0));
        }
        if (image.isObject()) {
            String url = image.path("url").asText(null);
            return url == null ? image.path("contentUrl").asText(null) : url;
        }
        return image.isTextual() && !image.asText().isBlank() ? image.asText().strip() : null;
    }

    private static String absolute(String base, String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            return base == null ? url : java.net.URI.create(base).resolve(url.strip().replace(" ", "%20")).toString();
        } catch (IllegalArgumentException e) {
            return url.startsWith("http") ? url : null;
        }
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

    /** A person's or desk's name from a byline such as "By Jane Roe | Updated 3pm"; null when nothing name-like is left. */
    static String cleanAuthor(String raw) {
        if (raw == null) {
            return null;
        }
        String name = Parser.unescapeEntities(raw, false).replaceAll("https?://\\S+", " ").replaceAll("\\s+", " ").strip();
        name = name.split("\\s*(?:\\||\\u2022|\\u00b7|\\s[-\u2013\u2014]\\s)\\s*")[0];
        name = name.replaceFirst("(?i)^(?:by|written by|words by|von|par)\\s*:?\\s+", "").strip();
        name = name.replaceFirst("(?i),?\\s+(?:updated|published|posted)\\b.*$", "").strip();
        if (name.isEmpty() || name.length() > 60 || name.startsWith("(") || name.matches(".*\\d.*")
                || !name.matches(".*\\p{L}.*") || GENERIC_AUTHOR.matcher(name).matches()) {
            return null;
        }
        return name;
    }

    private static void addAuthor(List<String> authors, String raw) {
        String name = cleanAuthor(raw);
        if (name != null && !authors.contains(name)) {
            authors.add(name);
        }
    }
}
