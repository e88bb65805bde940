package dev.newsflow.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DatesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "ISO offset | 2025-03-14T09:05:00+01:00 | 2025-03-14T08:05:00Z",
            "ISO Z with millis | 2025-03-14T08:05:00.000Z | 2025-03-14T08:05:00Z",
            "ISO offset without colon | 2025-03-14T09:05:00+0100 | 2025-03-14T08:05:00Z",
            "RFC 1123 | Fri, 14 Mar 2025 08:05:00 GMT | 2025-03-14T08:05:00Z",
            "RFC 822 numeric zone | Fri, 14 Mar 2025 09:05:00 +0100 | 2025-03-14T08:05:00Z",
            "RFC 822 single-digit day, no seconds | Fri, 7 Mar 2025 09:05 +0000 | 2025-03-07T09:05:00Z",
            "RFC 822 UT | Fri, 14 Mar 2025 08:05:00 UT | 2025-03-14T08:05:00Z",
            "no weekday | 14 Mar 2025 08:05:00 GMT | 2025-03-14T08:05:00Z",
            "space instead of T | 2025-03-14 08:05:00 | 2025-03-14T08:05:00Z",
            "date only | 2025-03-14 | 2025-03-14T00:00:00Z",
            "US long date | March 14, 2025 | 2025-03-14T00:00:00Z",
            "epoch seconds | 1741939500 | 2025-03-14T08:05:00Z",
            "epoch millis | 1741939500000 | 2025-03-14T08:05:00Z",
    })
    void shouldParseDateFormatsNewsSourcesUse(String behaviour, String text, String expected) {
        assertThat(Dates.parse(text)).contains(Instant.parse(expected));
    }

    @Test
    void shouldGiveNothingForUnparseableDates() {
        assertThat(Dates.parse("yesterday afternoon")).isEmpty();
        assertThat(Dates.parse("")).isEmpty();
        assertThat(Dates.parse(null)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "slashes | https://news.example.com/world/2025/03/14/port-strike | 2025-03-14T00:00:00Z",
            "dashes | https://news.example.com/2025-03-14-port-strike | 2025-03-14T00:00:00Z",
            "compact | https://news.example.com/news/20250314/port-strike | 2025-03-14T00:00:00Z",
    })
    void shouldFindTheDateInTheUrl(String behaviour, String url, String expected) {
        assertThat(Dates.fromUrl(url)).contains(Instant.parse(expected));
    }

    @Test
    void shouldNotTakeIdsInUrlsForDates() {
        assertThat(Dates.fromUrl("https://news.example.com/story/48121")).isEmpty();
        assertThat(Dates.fromUrl("https://news.example.com/2025/13/45/x")).isEmpty();
    }
}
