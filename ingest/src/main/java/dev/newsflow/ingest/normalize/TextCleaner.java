package dev.newsflow.ingest.normalize;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.jsoup.select.NodeVisitor;

/**
 * Turns HTML or scraped plain text into clean article text: entities decoded, whitespace
 * normalized, page junk lines dropped, paragraphs separated by exactly one blank line.
 */
public final class TextCleaner {
    private static final Set<String> BLOCK_TAGS = Set.of("p", "div", "section", "article", "header", "footer", "main",
            "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote", "pre", "table", "tr", "figure",
            "dl", "dt", "dd", "hr", "address");
    private static final String DROPPED_TAGS = "script, style, noscript, iframe, form, nav, aside, button, svg, template, "
            + "object, embed, video, audio, canvas, select, input, textarea";
    private static final Pattern ENTITY = Pattern.compile("&(#\\d+|#x[0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]{1,31});");
    private static final Pattern INVISIBLE = Pattern.compile("[\\u200B-\\u200D\\uFEFF\\u00AD]");
    private static final Pattern SPACES = Pattern.compile("[\\s\\u00A0\\u2007\\u202F]+");
    private static final Pattern HTML_TAG = Pattern.compile(
            "<(p|div|br|span|a|img|strong|em|b|i|h[1-6]|ul|li|figure|table|article)[\\s>/]", Pattern.CASE_INSENSITIVE);
    private static final Pattern BLANK_LINE = Pattern.compile("\\n[ \\t\\u00A0]*\\n");

    private TextCleaner() {
    }

    /** Clean text from an HTML fragment or document: blocks become paragraphs, scripts and forms go. */
    public static String fromHtml(String html) {
        if (html == null || html.isBlank()) {
            return "";
        }
        Document doc = Jsoup.parseBodyFragment(html);
        doc.select(DROPPED_TAGS).remove();
        StringBuilder out = new StringBuilder();
        doc.body().traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode text) {
                    out.append(text.text());
                } else if (node instanceof Element element) {
                    if (element.nameIs("br")) {
                        out.append('\n');
                    } else if (BLOCK_TAGS.contains(element.normalName())) {
                        out.append("\n\n");
                    }
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element element && BLOCK_TAGS.contains(element.normalName())) {
                    out.append("\n\n");
                }
            }
        });
        return clean(out.toString(), false);
    }

    /** Whether {@code text} looks like HTML markup rather than plain text. */
    public static boolean looksLikeHtml(String text) {
        return text != null && text.indexOf('<') >= 0 && HTML_TAG.matcher(text).find();
    }

    /** Clean plain text: entities decoded; paragraphs on blank lines; hard-wrapped lines joined; junk dropped. */
    public static String fromPlainText(String text) {
        return clean(text, true);
    }

    private static String clean(String raw, boolean decodeEntities) {
        if (raw == null) {
            return "";
        }
        String text = raw.replace("\r\n", "\n").replace('\r', '\n');
        if (decodeEntities && ENTITY.matcher(text).find()) {
            text = Parser.unescapeEntities(text, false);
        }
        text = INVISIBLE.matcher(text).replaceAll("");
        List<String> paragraphs = new ArrayList<>();
        for (String block : BLANK_LINE.split(text)) {
            List<String> lines = new ArrayList<>();
            for (String line : block.split("\n")) {
                String normalized = SPACES.matcher(line).replaceAll(" ").strip();
                if (!normalized.isEmpty() && !JunkLines.isJunk(normalized)) {
                    lines.add(normalized);
                }
            }
            if (!lines.isEmpty()) {
                paragraphs.add(String.join(" ", lines));
            }
        }
        return String.join("\n\n", paragraphs);
    }
}
