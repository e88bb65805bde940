package dev.newsflow.ingest.source;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.kafka.common.config.ConfigException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Expands the {@code feeds} setting: each entry is a feed URL, a text file of URLs (one a
 * line, {@code #} comments), or an OPML file (the outline export of feed readers; every
 * {@code outline} with an {@code xmlUrl}). OPML is parsed with DTDs and external entities off.
 */
public final class FeedList {
    private FeedList() {
    }

    public static List<String> expand(List<String> entries) {
        Set<String> urls = new LinkedHashSet<>();
        for (String entry : entries) {
            String e = entry.strip();
            if (e.isEmpty()) {
                continue;
            }
            if (e.toLowerCase(Locale.ROOT).matches("^[a-z][a-z0-9+.-]*://.*")) {
                urls.add(e);
                continue;
            }
            Path file = Path.of(e);
            if (!Files.isRegularFile(file)) {
                throw new ConfigException("feeds", e, "neither a URL nor a readable file");
            }
            String content;
            try {
                content = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException ex) {
                throw new ConfigException("feeds", e, "cannot read: " + ex.getMessage());
            }
            String head = content.stripLeading();
            if (head.startsWith("<")) {
                urls.addAll(fromOpml(content, file.toString()));
            } else {
                content.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(urls::add);
            }
        }
        return List.copyOf(urls);
    }

    static List<String> fromOpml(String xml, String where) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            factory.setXIncludeAware(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            Document doc = builder.parse(new InputSource(new StringReader(xml)));
            NodeList outlines = doc.getElementsByTagName("outline");
            List<String> urls = new ArrayList<>();
            for (int i = 0; i < outlines.getLength(); i++) {
                String url = ((Element) outlines.item(i)).getAttribute("xmlUrl").strip();
                if (!url.isEmpty()) {
                    urls.add(url);
                }
            }
            return urls;
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new ConfigException("feeds", where, "not a valid OPML file: " + e.getMessage());
        }
    }
}
