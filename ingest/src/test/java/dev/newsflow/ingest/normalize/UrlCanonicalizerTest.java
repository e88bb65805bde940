package dev.newsflow.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlCanonicalizerTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "lower-cases scheme and host | HTTPS://News.Example.COM/World/Story | https://news.example.com/World/Story",
            "drops the fragment | https://news.example.com/a#comments | https://news.example.com/a",
            "drops utm parameters | https://news.example.com/a?utm_source=rss&utm_medium=feed | https://news.example.com/a",
            "drops fbclid and gclid, keeps others | https://news.example.com/a?id=7&fbclid=XYZ&gclid=1&page=2 | https://news.example.com/a?id=7&page=2",
            "drops the default port | http://news.example.com:80/a | http://news.example.com/a",
            "keeps other ports | http://127.0.0.1:8081/a | http://127.0.0.1:8081/a",
            "gives an empty path a slash | https://news.example.com | https://news.example.com/",
            "normalizes dot segments | https://news.example.com/a/../b/./c | https://news.example.com/b/c",
    })
    void shouldCanonicalize(String behaviour, String input, String expected) {
        assertThat(UrlCanonicalizer.canonical(input)).contains(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "relative path | /world/story?utm_campaign=x | https://news.example.com/world/story",
            "relative to a directory | story.html | https://news.example.com/feeds/story.html",
    })
    void shouldResolveRelativeLinksAgainstTheBase(String behaviour, String link, String expected) {
        assertThat(UrlCanonicalizer.canonical(link, "https://news.example.com/feeds/rss.xml")).contains(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "ftp | ftp://files.example.com/a.txt",
            "javascript | javascript:alert(1)",
            "mailto | mailto:desk@example.com",
            "garbage | ht tp://::::",
    })
    void shouldRejectNonHttpUrls(String behaviour, String input) {
        assertThat(UrlCanonicalizer.canonical(input)).isEmpty();
    }
}
