package dev.newsflow.sink;

import static dev.newsflow.sink.Articles.article;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.newsflow.schemas.NewsTopics;
import dev.newsflow.schemas.avro.EntityType;
import dev.newsflow.testkit.KafkaBrokerExtension;
import dev.newsflow.testkit.KafkaTestBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Drives the dashboard in a real headless Chromium (Debian's chromium and chromium-driver) against a sink fed
 * through the real broker. Screenshots go to target/dashboard-screenshots/ for review. Skipped, with a message
 * saying what to install, where Chromium or its driver is missing; CI installs both (.ci/run).
 */
@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class DashboardBrowserIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots");
    private static final Duration SHOWN_WITHIN = Duration.ofSeconds(15);
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final String BODY = "Olaf Scholz visited Hamburg on Monday. Dock workers in Hamburg cheered the deal. "
            + "Critics said Siemens lost out badly.";

    private KafkaTestBroker broker;
    private NewsTopics topics;
    private SinkService sink;
    private WebDriver browser;
    private String base;

    @BeforeAll
    void startSinkAndBrowser(KafkaTestBroker testBroker, @TempDir Path stateDir) throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium or chromedriver is missing (" + CHROMIUM + ", " + CHROMEDRIVER + "): install Debian's "
                        + "chromium and chromium-driver to run the dashboard browser test (.ci/run does)");
        broker = testBroker;
        SinkConfig config = SinkTestSupport.config(broker, KafkaTestBroker.uniqueName("browser") + ".",
                KafkaTestBroker.uniqueName("sink-browser"), stateDir, Map.of());
        topics = config.newsTopics();
        sink = SinkTestSupport.start(config);
        base = "http://127.0.0.1:" + sink.httpPort();
        SinkTestSupport.produce(broker, topics, article("port-deal").title("Scholz backs the Hamburg port deal")
                .published(NOW.minus(2, ChronoUnit.HOURS)).sentiment(0.2)
                .entity("Olaf Scholz", EntityType.PERSON, 0.4, 1)
                .entity("Hamburg", EntityType.LOCATION, 0.5, 2)
                .entity("Siemens", EntityType.ORGANIZATION, -0.6, 1)
                .body(BODY, 0.1, 0.6, -0.7).build());
        await().atMost(Duration.ofSeconds(60)).until(() -> SinkTestSupport.get(sink.httpPort(), "/entities/olaf%20scholz")
                .statusCode() == 200 && SinkTestSupport.get(sink.httpPort(), "/articles/port-deal").statusCode() == 200);

        Files.createDirectories(SCREENSHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1000", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterEach
    void screenshot(TestInfo test) throws IOException {
        if (browser != null) {
            String name = test.getTestMethod().orElseThrow().getName();
            Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
            Files.writeString(SCREENSHOTS.resolve(name + ".html"), browser.getPageSource(), StandardCharsets.UTF_8);
        }
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (sink != null) {
            sink.close();
        }
    }

    @Test
    void shouldShowANewlyStoredArticleOnTheLivePageWithinSeconds() {
        browser.get(base + "/#/live");
        await().atMost(SHOWN_WITHIN).until(() -> "live".equals(
                browser.findElement(By.id("live-status")).getDomAttribute("data-state")));

        long producedAt = System.nanoTime();
        SinkTestSupport.produce(broker, topics, article("strike-ends").title("Harbour strike ends after talks")
                .published(NOW).sentiment(0.5).entity("Olaf Scholz", EntityType.PERSON, 0.3, 1)
                .entity("Verdi", EntityType.ORGANIZATION, 0.2, 1).build());

        By card = By.cssSelector("#live-list .live-item[data-id='strike-ends']");
        await().atMost(SHOWN_WITHIN).pollInterval(Duration.ofMillis(50)).until(() -> !browser.findElements(card).isEmpty());
        System.out.printf("DashboardBrowserIT: the live page showed the article %d ms after it was produced%n",
                Duration.ofNanos(System.nanoTime() - producedAt).toMillis());
        WebElement shown = browser.findElement(card);
        assertThat(shown.findElement(By.cssSelector("a.title")).getText()).isEqualTo("Harbour strike ends after talks");
        assertThat(shown.findElement(By.cssSelector(".meta")).getText()).contains("test");
        assertThat(shown.findElement(By.cssSelector(".badge")).getDomAttribute("data-label")).isEqualTo("POSITIVE");
        assertThat(shown.findElements(By.cssSelector(".chip")).stream()
                .map(chip -> chip.getDomAttribute("data-type")).toList()).containsExactlyInAnyOrder("PERSON", "ORGANIZATION");
    }

    @Test
    void shouldHighlightEveryEntityMentionByTypeBesideEachSentencesSentiment() {
        browser.get(base + "/#/article/port-deal");
        By mentions = By.cssSelector("#article-body .mention");
        await().atMost(SHOWN_WITHIN).until(() -> !browser.findElements(mentions).isEmpty());

        List<String> found = browser.findElements(mentions).stream()
                .map(m -> m.getText() + "/" + m.getDomAttribute("data-type")).toList();
        assertThat(found).containsExactly("Olaf Scholz/PERSON", "Hamburg/LOCATION", "Hamburg/LOCATION",
                "Siemens/ORGANIZATION");
        for (WebElement mention : browser.findElements(mentions)) {
            assertThat(mention.getDomAttribute("class")).contains(mention.getDomAttribute("data-type"));
            assertThat(mention.getCssValue("background-color")).isNotIn("rgba(0, 0, 0, 0)", "transparent");
        }
        String siemens = browser.findElement(By.cssSelector(".mention[data-entity='Siemens']")).getCssValue("background-color");
        String hamburg = browser.findElement(By.cssSelector(".mention[data-entity='Hamburg']")).getCssValue("background-color");
        assertThat(siemens).isNotEqualTo(hamburg);
        List<String> sentenceLabels = browser.findElements(By.cssSelector("#article-body .sentence .sentence-sentiment"))
                .stream().map(b -> b.getDomAttribute("data-label")).toList();
        assertThat(sentenceLabels).containsExactly("POSITIVE", "POSITIVE", "NEGATIVE");
        assertThat(browser.findElement(By.id("article-body")).getText().replaceAll("\\s*[+-]?\\d\\.\\d\\d\\s*", " "))
                .contains("Critics said Siemens lost out badly.");
    }

    @Test
    void shouldChartTheEntityOverTimeWithItsArticlesAndTheEntitiesItAppearsWith() {
        browser.get(base + "/#/entity/Olaf%20Scholz");
        By points = By.cssSelector("#entity-chart svg.chart circle.point");
        await().atMost(SHOWN_WITHIN).until(() -> !browser.findElements(points).isEmpty());
        await().atMost(SHOWN_WITHIN).until(() -> !browser.findElements(By.cssSelector("#entity-related .related")).isEmpty());

        assertThat(browser.findElement(By.id("entity-name")).getText()).contains("Olaf Scholz", "PERSON");
        assertThat(browser.findElements(By.cssSelector("#entity-articles .article")).stream()
                .map(a -> a.getDomAttribute("data-id")).toList()).contains("port-deal");
        assertThat(browser.findElements(By.cssSelector("#entity-related .related a")).stream().map(WebElement::getText)
                .collect(Collectors.toSet())).contains("Hamburg", "Siemens");

        browser.findElement(By.cssSelector("button[data-interval='day']")).click();
        await().atMost(SHOWN_WITHIN).until(() -> browser.getCurrentUrl().contains("interval=day")
                && !browser.findElements(points).isEmpty()
                && browser.findElements(By.cssSelector("button.active[data-interval='day']")).size() == 1);
    }

    @Test
    void shouldRankTopEntitiesAndLinkToThem() {
        browser.get(base + "/#/top");
        By rows = By.cssSelector("#top-table tr.top-row");
        await().atMost(SHOWN_WITHIN).until(() -> !browser.findElements(rows).isEmpty());

        assertThat(browser.findElements(rows).stream().map(r -> r.findElement(By.cssSelector("a")).getText()).toList())
                .contains("Hamburg", "Olaf Scholz");
    }
}
