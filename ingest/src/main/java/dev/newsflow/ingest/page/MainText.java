package dev.newsflow.ingest.page;

import dev.newsflow.ingest.normalize.TextCleaner;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.dankito.readability4j.Article;
import net.dankito.readability4j.Readability4J;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds an article page's main text: furniture removed from the DOM, the page's own article
 * container (or Readability's choice), then a filter over the container's text blocks. Which
 * steps run is given by {@link ExtractionRule}s; with none, this is Readability alone.
 */
final class MainText {
    private static final Logger LOG = LoggerFactory.getLogger(MainText.class);
    private static final Set<String> BLOCK_TAGS = Set.of("p", "div", "section", "article", "header", "footer", "main",
            "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote", "pre", "table", "tr", "figure",
            "dl", "dt", "dd", "hr", "address", "aside", "nav", "figcaption");
    private static final String ALWAYS_DROPPED = "script, style, noscript, iframe, template, svg, canvas, object, embed, "
            + "video, audio, select, input, textarea, button";
    private static final String FURNITURE_TAGS = "nav, aside, form, footer, figure, figcaption, picture, dialog, "
            + "blockquote.twitter-tweet, blockquote.instagram-media, blockquote.tiktok-embed, blockquote.reddit-embed-bq, "
            + "[role=complementary], [role=navigation], [role=dialog], [role=banner], [role=contentinfo]";
    /** Inline elements are never furniture by class alone: links in a paragraph carry classes such as "link-with-icon". */
    private static final Set<String> INLINE_TAGS = Set.of("a", "span", "strong", "em", "b", "i", "u", "time", "abbr",
            "small", "sup", "sub", "mark", "cite", "q", "code");
    private static final Pattern HIDDEN_STYLE = Pattern.compile("(?i)display\\s*:\\s*none|visibility\\s*:\\s*hidden");
    private static final Pattern HIDDEN_CLASS = Pattern.compile(
            "(?i)(?:^|[\\s_-])(?:sr-only|screen-?reader(?:-text|-only)?|visually-?hidden|visuallyhidden|hidden|hide|a11y-only|offscreen)(?:$|[\\s_-])");
    /** Class or id words of page furniture; matched as whole dash/underscore-separated words. */
    private static final Pattern FURNITURE_CLASS = Pattern.compile("(?i)(?:^|[\\s_-])(?:"
            + "newsletters?|subscribe|subscription|signup|sign-up|paywall|promo|promotion|cta|inline-cta"
            + "|share|sharing|shares|social|sharebar|share-bar|social-share|sharetools"
            + "|related|recommended|recommendations|read-?more|more-stories|most-popular|trending|outbrain|taboola|recirc|recirculation"
            + "|cookie|cookies|consent|gdpr"
            + "|author-bio|author-box|authorbio|author-info|author-card|about-author|bio|byline|bylines|contributor"
            + "|caption|captions|credit|credits|figcaption|media-credit"
            + "|ad|ads|advert|advertisement|ad-slot|adslot|ad-container|ad-wrapper|dfp|sponsor|sponsored"
            + "|comments?|disqus|breadcrumbs?|tags|tag-list|topics"
            + ")(?:$|[\\s_-])");
    private static final Pattern TOKEN = Pattern.compile("\\w+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern SPACES = Pattern.compile("[\\s\\u00A0\\u2007\\u202F\\u200B]+");
    /** Whole blocks that are furniture: newsletter, app and account prompts, "Read more", credits. */
    private static final Pattern FURNITURE_TEXT = Pattern.compile("(?i)^[\\W_]*(?:"
            + "(?:sign up|subscribe|register)\\b.{0,160}(?:newsletter|email|inbox|alerts?|updates|free).{0,80}"
            + "|get (?:our|the) (?:free )?.{0,60}(?:email|newsletter)s?.{0,40}"
            + "|join .{0,40} for access to this content.*|please enter a valid email(?: address)?.*"
            + "|plus special access to select articles.*|you've successfully subscribed.*"
            + "|click (?:here )?to (?:get|read|download|watch|subscribe|sign up).{0,80}"
            + "|(?:download|get) (?:the|our) .{0,40}app.{0,40}"
            + "|(?:read|see|watch) (?:more|next|also)\\b.{0,120}|related(?: articles| stories| content| coverage)?\\b:?.{0,120}"
            + "|more (?:from|on|about) .{0,60}:?|recommended(?: for you)?:?.{0,60}|editor'?s picks?.{0,40}|most (?:read|popular).{0,40}"
            + "|our standards:.{0,120}|purchase licensing rights.{0,40}|all rights reserved.{0,40}|©.{0,120}"
            + "|listen to (?:this )?(?:article|story).{0,40}|\\d+ min(?:ute)?s? read|share (?:this|on|via)\\b.{0,60}"
            + "|we use cookies.*|this (?:site|website) uses cookies.*|accept (?:all )?cookies.*"
            + "|(?:photo|image|video|illustration)s?(?: credit)?:.{0,120}|(?:photograph|illustration)s? by .{0,80}"
            + "|\\((?:[^()]{0,80}(?:getty|images|ap|afp|reuters|pa|epa|supplied|photo|file|shutterstock|alamy|wire|bloomberg|press)[^()]{0,60})\\)"
            + "|[^|]{0,80}\\|\\s*(?:[^|]{0,40}\\|\\s*)?(?:getty images|afp|reuters|bloomberg|ap|ap photo|epa|nurphoto).{0,30}"
            + "|advertisement|story continues below.{0,40}|\\d{9,11}"
            + "|(?:updated|published|posted|last updated)?:?\\s*(?:(?:mon|tue|wed|thu|fri|sat|sun)\\w*,?\\s+)?"
            + "(?:\\d{1,2}\\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\\w*\\.?|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\\w*\\.?\\s+\\d{1,2},?)"
            + "\\s+\\d{4}(?:\\s*(?:at\\s*)?\\d{1,2}[:.]\\d{2}\\s*(?:[ap]\\.?m\\.?)?\\s*(?:[A-Z]{2,4}|utc|gmt|et|bst)?)*(?:\\s*updated(?: ago)?)?.{0,30}"
            + ")[\\W_]*$");
    /** A photo caption ending in the agency's credit: "Crowds gather in the square. (Jane Roe/AP)". */
    private static final Pattern CAPTION_CREDIT = Pattern.compile("(?i)^.{10,400}\\((?:[^()]{0,80}/)?[^()]{0,60}"
            + "(?:getty images|ap photo|\\bap\\b|afp|reuters|\\bpa\\b|pa wire|epa|associated press|shutterstock|alamy|"
            + "bloomberg|nurphoto|anadolu|supplied|file photo|via getty)[^()]{0,60}\\)\\.?$");
    private static final Pattern BYLINE = Pattern.compile("(?i)^(?:by|words by|written by|reporting by)\\s+\\p{Lu}.{0,120}$");
    private static final Pattern AUTHOR_BOX = Pattern.compile("(?i)^(\\p{Lu}[\\p{L}.'-]+(?: \\p{Lu}[\\p{L}.'-]+){0,3}) "
            + "(?:is|was|has been|covers|writes)\\b.{0,60}(?:reporter|writer|editor|correspondent|journalist|columnist|"
            + "contributor|author|producer|critic|fellow|covers|covering|news|opinion).*");

    private final Set<ExtractionRule> rules;

    MainText(Set<ExtractionRule> rules) {
        this.rules = rules;
    }

    /** One paragraph-like block of text and how much of it is link text. */
    record Block(String text, int linkChars) {
        double linkDensity() {
            return text.isEmpty() ? 0 : (double) linkChars / text.length();
        }
    }

    /** The main text, paragraphs separated by blank lines; found tells where it came from. */
    record Result(String text, String source) {
    }

    Result extract(Document original, String url, String headline, List<String> authors, String jsonLdBody) {
        if (rules.isEmpty()) {
            return new Result(readabilityText(original, url), "readability");
        }
        Document doc = original.clone();
        doc.select(ALWAYS_DROPPED).remove();
        if (rules.contains(ExtractionRule.HIDDEN)) {
            removeHidden(doc);
        }
        if (rules.contains(ExtractionRule.FURNITURE_ELEMENTS)) {
            removeFurniture(doc);
        }
        Element container = rules.contains(ExtractionRule.CONTAINER) ? container(doc) : null;
        String source;
        List<Block> blocks;
        if (container != null) {
            blocks = blocks(container);
            source = container.hasAttr("itemprop") ? "itemprop=articleBody" : "article-element";
        } else {
            blocks = readabilityBlocks(doc, url);
            source = "readability";
        }
        blocks = filter(blocks, headline, authors);
        if (rules.contains(ExtractionRule.JSON_LD_BODY) && jsonLdBody != null && !jsonLdBody.isBlank()) {
            String pageText = original.body() == null ? "" : original.body().text();
            Set<String> ldShingles = shingles(normalize(jsonLdBody));
            if (ldShingles.size() >= 20 && overlap(ldShingles, shingles(normalize(pageText))) >= 0.5) {
                List<Block> confirmed = new ArrayList<>();
                String ldFlat = " " + String.join(" ", tokens(jsonLdBody)) + " ";
                for (Block block : blocks) {
                    List<String> tokens = tokens(block.text());
                    boolean inLd = tokens.size() < 8 ? ldFlat.contains(" " + String.join(" ", tokens) + " ")
                            : overlap(shingles(block.text()), ldShingles) >= 0.5;
                    if (inLd) {
                        confirmed.add(block);
                    }
                }
                Set<String> covered = new HashSet<>();
                confirmed.forEach(b -> covered.addAll(shingles(b.text())));
                if (overlap(ldShingles, covered) >= 0.7) {
                    blocks = confirmed;
                    source = source + "+json-ld";
                } else {
                    List<Block> ld = new ArrayList<>();
                    for (String para : jsonLdBody.split("\\s*\\n\\s*")) {
                        ld.add(new Block(SPACES.matcher(para).replaceAll(" ").strip(), 0));
                    }
                    blocks = filter(ld, headline, authors);
                    source = "json-ld:articleBody";
                }
            }
        }
        List<String> paragraphs = new ArrayList<>();
        blocks.forEach(b -> paragraphs.add(b.text()));
        return new Result(String.join("\n\n", paragraphs), source);
    }

    private List<Block> filter(List<Block> blocks, String headline, List<String> authors) {
        String headlineKey = headline == null ? "" : normalize(headline);
        Set<String> authorKeys = new HashSet<>();
        authors.forEach(a -> authorKeys.add(normalize(a)));
        List<Block> kept = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Block block : blocks) {
            String text = block.text();
            String key = normalize(text);
            if (key.isEmpty()) {
                continue;
            }
            if (rules.contains(ExtractionRule.LINK_DENSITY) && block.linkDensity() > 0.5 && text.length() < 600) {
                continue;
            }
            if (rules.contains(ExtractionRule.FURNITURE_TEXT) && text.length() <= 400
                    && (FURNITURE_TEXT.matcher(text).matches() || CAPTION_CREDIT.matcher(text).matches())) {
                continue;
            }
            if (rules.contains(ExtractionRule.HEADLINE_BYLINE)) {
                if (key.equals(headlineKey) || authorKeys.contains(key)
                        || (text.length() <= 120 && BYLINE.matcher(text).matches())) {
                    continue;
                }
                Matcher box = AUTHOR_BOX.matcher(text);
                if (text.length() <= 600 && box.matches() && (authorKeys.contains(normalize(box.group(1)))
                        || authorKeys.stream().anyMatch(a -> a.endsWith(" " + lastWord(normalize(box.group(1))))))) {
                    continue;
                }
                if (text.length() <= 600 && !seen.add(key)) {
                    continue; // the same author box or promo twice
                }
            }
            kept.add(block);
        }
        return kept;
    }

    private static String lastWord(String s) {
        int i = s.lastIndexOf(' ');
        return i < 0 ? s : s.substring(i + 1);
    }

    private static void removeHidden(Document doc) {
        int total = doc.body() == null ? 0 : paragraphChars(doc.body());
        for (Element e : doc.getAllElements()) {
            if (e.parent() == null || e == doc.body() || e.nameIs("html") || e.nameIs("head")) {
                continue;
            }
            // A utility class such as "overflow-hidden" on a wrapper must not take the article with it.
            boolean holdsArticle = paragraphChars(e) >= Math.max(400, total * 0.4);
            if (!holdsArticle && (e.hasAttr("hidden") || "true".equalsIgnoreCase(e.attr("aria-hidden"))
                    || HIDDEN_STYLE.matcher(e.attr("style")).find() || HIDDEN_CLASS.matcher(e.className()).find())) {
                e.remove();
            }
        }
    }

    private static void removeFurniture(Document doc) {
        Element body = doc.body();
        if (body == null) {
            return;
        }
        int total = paragraphChars(body);
        List<Element> doomed = new ArrayList<>(doc.select(FURNITURE_TAGS));
        for (Element e : body.getAllElements()) {
            if (e == body || e.nameIs("article") || e.nameIs("main") || INLINE_TAGS.contains(e.normalName())) {
                continue;
            }
            String names = e.className() + " " + e.id() + " " + e.attr("data-component") + " " + e.attr("data-testid");
            if (FURNITURE_CLASS.matcher(names.replaceAll("([a-z])([A-Z])", "$1-$2")).find()) {
                doomed.add(e);
            }
        }
        for (Element e : doomed) {
            // Never a container holding most of the page's paragraphs: a class name is a weak signal.
            if (e.parent() != null && e != body && paragraphChars(e) < Math.max(400, total * 0.4)) {
                e.remove();
            }
        }
    }

    /** Text outside links: how much reading an element holds (pages build paragraphs from p or div). */
    private static int paragraphChars(Element root) {
        int chars = root.text().length();
        for (Element a : root.select("a")) {
            chars -= a.text().length();
        }
        return Math.max(0, chars);
    }

    /** {@code itemprop=articleBody} with the most text, else the {@code <article>} with the most paragraph text. */
    private static Element container(Document doc) {
        Element best = doc.select("[itemprop=articleBody]").stream()
                .max(Comparator.comparingInt(MainText::paragraphChars)).orElse(null);
        if (best != null && paragraphChars(best) >= 200) {
            return best;
        }
        int total = doc.body() == null ? 0 : paragraphChars(doc.body());
        best = doc.select("article").stream().max(Comparator.comparingInt(MainText::paragraphChars)).orElse(null);
        if (best != null && paragraphChars(best) >= Math.max(200, total * 0.3)) {
            for (Element inner : best.select("article")) {
                if (inner != best && paragraphChars(inner) < paragraphChars(best) * 0.3) {
                    inner.remove(); // a teaser of another story inside this one
                }
            }
            return best;
        }
        return null;
    }

    private List<Block> readabilityBlocks(Document doc, String url) {
        try {
            Article article = new Readability4J(url, doc.clone()).parse();
            String content = article.getContent();
            if (content != null && !content.isBlank()) {
                return blocks(Jsoup.parseBodyFragment(content, url).body());
            }
        } catch (RuntimeException e) {
            LOG.debug("Readability failed on {}: {}", url, e.toString());
        }
        return doc.body() == null ? List.of() : blocks(doc.body());
    }

    private static String readabilityText(Document doc, String url) {
        try {
            Article article = new Readability4J(url, doc).parse();
            String content = article.getContent();
            if (content != null && !content.isBlank()) {
                return TextCleaner.fromHtml(content);
            }
        } catch (RuntimeException e) {
            LOG.debug("Readability failed on {}: {}", url, e.toString());
        }
        return TextCleaner.fromHtml(doc.body() == null ? "" : doc.body().html());
    }

    /** Splits an element's text into blocks at block-level tags, counting link text in each. */
    static List<Block> blocks(Element root) {
        List<Block> blocks = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int[] linkChars = {0};
        int[] linkDepth = {0};
        Runnable flush = () -> {
            String t = SPACES.matcher(text).replaceAll(" ").strip();
            if (!t.isEmpty()) {
                blocks.add(new Block(t, Math.min(linkChars[0], t.length())));
            }
            text.setLength(0);
            linkChars[0] = 0;
        };
        root.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode t) {
                    String s = t.getWholeText();
                    text.append(s);
                    if (linkDepth[0] > 0) {
                        linkChars[0] += SPACES.matcher(s).replaceAll(" ").strip().length();
                    }
                } else if (node instanceof Element e) {
                    if (e.nameIs("a")) {
                        linkDepth[0]++;
                    } else if (e.nameIs("br")) {
                        text.append(' ');
                    } else if (BLOCK_TAGS.contains(e.normalName())) {
                        flush.run();
                    }
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e) {
                    if (e.nameIs("a")) {
                        linkDepth[0]--;
                    } else if (BLOCK_TAGS.contains(e.normalName())) {
                        flush.run();
                    }
                }
            }
        });
        flush.run();
        return blocks;
    }

    static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            tokens.add(m.group());
        }
        return tokens;
    }

    static String normalize(String text) {
        return String.join(" ", tokens(text));
    }

    private static Set<String> shingles(String text) {
        List<String> tokens = tokens(text);
        Set<String> out = new HashSet<>();
        for (int i = 0; i + 4 <= tokens.size(); i++) {
            out.add(String.join(" ", tokens.subList(i, i + 4)));
        }
        if (tokens.size() < 4 && !tokens.isEmpty()) {
            out.add(String.join(" ", tokens));
        }
        return out;
    }

    /** Share of {@code part} found in {@code whole}. */
    private static double overlap(Set<String> part, Set<String> whole) {
        if (part.isEmpty()) {
            return 0;
        }
        int in = 0;
        for (String s : part) {
            if (whole.contains(s)) {
                in++;
            }
        }
        return (double) in / part.size();
    }
}
