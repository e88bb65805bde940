package dev.newsflow.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedListTest {
    @TempDir
    Path dir;

    @Test
    void shouldExpandUrlsTextFilesAndOpml() throws Exception {
        Path text = Files.writeString(dir.resolve("feeds.txt"), """
                # my feeds
                https://a.example/rss.xml

                https://b.example/atom.xml
                """);
        Path opml = Files.writeString(dir.resolve("export.opml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <opml version="2.0">
                  <head><title>Subscriptions</title></head>
                  <body>
                    <outline text="News" title="News">
                      <outline type="rss" text="C" xmlUrl="https://c.example/feed" htmlUrl="https://c.example/"/>
                      <outline type="rss" text="A again" xmlUrl="https://a.example/rss.xml"/>
                    </outline>
                    <outline text="No feed here"/>
                  </body>
                </opml>
                """);

        List<String> feeds = FeedList.expand(List.of("https://z.example/rss", text.toString(), opml.toString()));

        assertThat(feeds).containsExactly("https://z.example/rss", "https://a.example/rss.xml", "https://b.example/atom.xml",
                "https://c.example/feed");
    }

    @Test
    void shouldNameAnEntryThatIsNeitherUrlNorFile() {
        assertThatThrownBy(() -> FeedList.expand(List.of("no-such-file.opml")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("no-such-file.opml").hasMessageContaining("feeds");
    }

    @Test
    void shouldRefuseOpmlWithADoctype() throws Exception {
        Path opml = Files.writeString(dir.resolve("evil.opml"), """
                <?xml version="1.0"?>
                <!DOCTYPE opml [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                <opml><body><outline xmlUrl="&x;"/></body></opml>
                """);

        assertThatThrownBy(() -> FeedList.expand(List.of(opml.toString()))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("not a valid OPML file");
    }
}
