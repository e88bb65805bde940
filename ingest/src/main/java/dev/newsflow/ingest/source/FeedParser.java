package dev.newsflow.ingest.source;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import dev.newsflow.ingest.fetch.FetchException;
import dev.newsflow.ingest.normalize.RawArticle;
import dev.newsflow.ingest.normalize.TextCleaner;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses RSS 0.9x/1.0 (RDF)/2.0 and Atom with Rome into {@link RawArticle}s. The charset comes
 * from the BOM, the XML prolog and the HTTP header, leniently (a wrong or missing charset is
 * tolerated). DOCTYPEs are refused, so no external entity or DTD is ever loaded (XXE).
 */
public final class FeedParser {

    /** One item of a feed with the key that tells whether it was seen before. */
    public record Item(String key, RawArticle article, String feedText) {
    }

    /**
     * A parsed feed.
     *
     * @param items      its items in feed order
     * @param ttlMinutes the RSS {@code <ttl>} (how long the feed may be cached), 0 when absent
     */
    public record Parsed(List<Item> items, int ttlMinutes) {
    }

    private FeedParser() {
    }

    public static List<Item> parse(byte[] bytes, String contentType, String feedUrl) throws FetchException {
        return parseFeed(bytes, contentType, feedUrl).items();
    }

    public static Parsed parseFeed(byte[] bytes, String contentType, String feedUrl) throws FetchException {
        SyndFeed feed;
        try (XmlReader reader = new XmlReader(new ByteArrayInputStream(bytes), contentType == null || contentType.isEmpty()
                ? null : contentType, true)) {
            SyndFeedInput input = new SyndFeedInput();
            input.setAllowDoctypes(false);
            input.setPreserveWireFeed(true);
            feed = input.build(reader);
        } catch (FeedException | IOException | IllegalArgumentException e) {
            throw new FetchException(FetchException.Reason.BAD_CONTENT, "not a readable feed at " + feedUrl + ": "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(e.getClass().getSimpleName()));
        }
        String feedTitle = feed.getTitle() == null ? null : feed.getTitle().strip();
        List<Item> items = new ArrayList<>();
        for (SyndEntry entry : feed.getEntries()) {
            RawArticle raw = new RawArticle(feedUrl).baseUrl(feedUrl).meta("feedTitle", feedTitle)
                    .meta("feedType", feed.getFeedType());
            String guid = entry.getUri();
            String link = entry.getLink();
            if ((link == null || link.isBlank()) && guid != null && guid.matches("(?i)^https?://.*")) {
                link = guid;
            }
            raw.link(link).guid(guid).title(entry.getTitle());
            String body = "";
            boolean html = true;
            SyndContent content = entry.getContents().stream().filter(c -> c.getValue() != null && !c.getValue().isBlank())
                    .findFirst().orElse(entry.getDescription());
            if (content != null && content.getValue() != null) {
                body = content.getValue();
                String type = content.getType() == null ? "" : content.getType().toLowerCase(Locale.ROOT);
                html = !(type.equals("text") || type.equals("text/plain")) || TextCleaner.looksLikeHtml(body);
            }
            if (html) {
                raw.html(body);
            } else {
                raw.text(body);
            }
            raw.publishedAt(entry.getPublishedDate() != null ? entry.getPublishedDate().toInstant()
                    : entry.getUpdatedDate() != null ? entry.getUpdatedDate().toInstant() : null);
            for (SyndPerson person : entry.getAuthors()) {
                raw.author(person.getName());
            }
            if (raw.authors().isEmpty() && entry.getAuthor() != null) {
                for (String a : entry.getAuthor().split("\\s*(?:,|;| and )\\s*")) {
                    raw.author(a.replaceFirst("^[^\\s@]+@[^\\s(]+\\s*\\((.*)\\)$", "$1"));
                }
            }
            if (raw.language() == null && feed.getLanguage() != null) {
                raw.language(feed.getLanguage().split("[-_]")[0].toLowerCase(Locale.ROOT));
            }
            String identity = guid != null && !guid.isBlank() ? guid : link != null ? link : String.valueOf(entry.getTitle());
            String version = Integer.toHexString((String.valueOf(entry.getTitle()) + '\n' + body + '\n'
                    + entry.getUpdatedDate()).hashCode());
            String feedText = html ? TextCleaner.fromHtml(body) : TextCleaner.fromPlainText(body);
            raw.text(feedText); // already clean: the normalizer does not parse the HTML a second time
            items.add(new Item(identity + "#" + version, raw, feedText));
        }
        int ttl = feed.originalWireFeed() instanceof com.rometools.rome.feed.rss.Channel channel ? Math.max(0, channel.getTtl()) : 0;
        return new Parsed(items, ttl);
    }
}
