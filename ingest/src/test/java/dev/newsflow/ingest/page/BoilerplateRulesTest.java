package dev.newsflow.ingest.page;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.ingest.FixtureServer;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each extraction rule on a small page written for it: the rule removes the junk, and without the rule it stays. */
class BoilerplateRulesTest {
    private static final String BASE = "https://gazette.example";
    private static final String STORY = """
            <p>The city council voted on Tuesday to turn the old tram depot into a covered market with forty stalls, ending a dispute that had lasted six years.</p>
            <p>Traders who sell on the square in summer will get the first choice of stalls, and rents will be fixed for three years, the council said after the vote.</p>
            <p>Work on the roof starts in June; the market should open before Christmas if the weather allows the builders to finish the glazing in time.</p>
            """;

    private static String text(String body, Set<ExtractionRule> rules) {
        String html = "<html><head><title>Depot becomes a market</title></head><body>" + body + "</body></html>";
        return new ArticlePageExtractor(rules).extract(html, BASE + "/city/depot").text();
    }

    private static Set<ExtractionRule> allBut(ExtractionRule rule) {
        Set<ExtractionRule> rules = EnumSet.allOf(ExtractionRule.class);
        rules.remove(rule);
        return rules;
    }

    private static final Set<ExtractionRule> ALL = EnumSet.allOf(ExtractionRule.class);

    @Test
    void shouldDropHiddenElementsSuchAsScreenReaderTextInLinks() {
        String body = "<article>" + STORY.replace("covered market", "covered <a href=\"/m\">market<span class=\"sr-only\">, opens new tab</span></a>")
                + "</article>";

        assertThat(text(body, ALL)).contains("covered market with forty stalls").doesNotContain("opens new tab");
        assertThat(text(body, allBut(ExtractionRule.HIDDEN))).contains("opens new tab");
    }

    @Test
    void shouldDropFurnitureElementsByTagAndClassName() {
        String body = "<article>" + STORY + "<div class=\"newsletter-signup\"><p>Our free morning email brings the day's city news to you before breakfast every day.</p></div>"
                + "<figure><img src=\"/d.jpg\"><figcaption>The depot in 1932, when trams still ran to the harbour.</figcaption></figure>"
                + "<blockquote class=\"twitter-tweet\"><p>Great news for the depot!</p></blockquote></article>";

        assertThat(text(body, ALL)).doesNotContain("morning email").doesNotContain("trams still ran").doesNotContain("Great news");
        assertThat(text(body, allBut(ExtractionRule.FURNITURE_ELEMENTS))).contains("morning email").contains("trams still ran");
    }

    @Test
    void shouldReadTheArticleContainerRatherThanPromosBesideIt() {
        String promo = "<div><p>Winter sale: three months of the Gazette for the price of one, with the weekend supplement and the crossword archive included, only until Sunday.</p>"
                + "<p>Gift subscriptions arrive by email on the day you choose and can be printed as a card for the table or sent with a message of your own.</p></div>";
        String body = promo + "<article>" + STORY + "</article>" + promo.replace("Winter", "Spring");

        assertThat(text(body, ALL)).startsWith("The city council voted").doesNotContain("Winter sale").doesNotContain("Gift subscriptions");
        assertThat(text(body, allBut(ExtractionRule.CONTAINER))).contains("Gift subscriptions");
    }

    @Test
    void shouldDropBlocksThatAreMostlyLinks() {
        String body = "<article>" + STORY + "<p><a href=\"/a\">Bus lanes extended to the airport road</a> | <a href=\"/b\">Library opens on Sundays</a></p></article>";

        assertThat(text(body, ALL)).doesNotContain("Library opens on Sundays");
        assertThat(text(body, allBut(ExtractionRule.LINK_DENSITY))).contains("Library opens on Sundays");
    }

    @Test
    void shouldDropPromoCreditAndDateLinesButKeepSentencesThatMentionThem() {
        String body = "<article><p>Saturday 02 March 2024 22:14</p>" + STORY
                + "<p>Sign up to our free City Hall newsletter for the week's decisions in your inbox</p>"
                + "<p>The old depot, seen from the harbour road on Monday. (Jane Roe/Getty Images)</p>"
                + "<p>Councillors said they would sign up traders by email before the newsletter of the market association goes out in May.</p></article>";

        String text = text(body, ALL);
        assertThat(text).doesNotContain("City Hall newsletter").doesNotContain("Getty Images").doesNotContain("22:14")
                .contains("Councillors said they would sign up traders");
        assertThat(text(body, allBut(ExtractionRule.FURNITURE_TEXT))).contains("City Hall newsletter").contains("Getty Images");
    }

    @Test
    void shouldNotRepeatHeadlineBylineOrAuthorBoxInTheBody() {
        String html = "<html><head><title>Depot becomes a market | Gazette</title><meta property=\"og:title\" content=\"Depot becomes a market\">"
                + "<meta name=\"author\" content=\"Ola Berg\"></head><body><article><h1>Depot becomes a market</h1><p>By Ola Berg</p>" + STORY
                + "<p>Ola Berg is a city hall reporter who has covered the council since 2019.</p></article></body></html>";

        String text = new ArticlePageExtractor().extract(html, BASE + "/city/depot").text();
        assertThat(text).startsWith("The city council voted").doesNotContain("By Ola Berg").doesNotContain("city hall reporter");
        assertThat(new ArticlePageExtractor(allBut(ExtractionRule.HEADLINE_BYLINE)).extract(html, BASE + "/city/depot").text())
                .contains("Depot becomes a market").contains("city hall reporter");
    }

    @Test
    void shouldKeepOnlyBlocksThatJsonLdArticleBodyConfirms() {
        String ld = STORY.replaceAll("<[^>]+>", " ").replace("\"", "\\\"");
        String html = "<html><head><script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", \"headline\": \"Depot becomes a market\", "
                + "\"articleBody\": \"" + ld.replace("\n", " ") + "\"}</script></head><body><article>" + STORY
                + "<p>Lunch deals from the food trucks on the square are on our partner's pages every weekday from noon.</p></article></body></html>";

        PageContent page = new ArticlePageExtractor().extract(html, BASE + "/city/depot");
        assertThat(page.text()).doesNotContain("Lunch deals").contains("covered market with forty stalls");
        assertThat(page.text().split("\n\n")).hasSize(3);
        assertThat(page.textSource()).isEqualTo("article-element+json-ld");
        assertThat(new ArticlePageExtractor(allBut(ExtractionRule.JSON_LD_BODY)).extract(html, BASE + "/city/depot").text())
                .contains("Lunch deals");
    }

    @Test
    void shouldTakeJsonLdArticleBodyWhenThePageBlocksMissMostOfIt() {
        String ld = STORY.replaceAll("<[^>]+>", "").strip().replace("\n", "\\n");
        String[] paragraphs = STORY.strip().split("\n");
        String html = "<html><head><script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", \"articleBody\": \"" + ld + "\"}</script>"
                + "</head><body><article>" + paragraphs[0] + "<div class=\"paywall\">" + paragraphs[1] + "</div><div class=\"paywall\">"
                + paragraphs[2] + "</div></article></body></html>";

        PageContent page = new ArticlePageExtractor().extract(html, BASE + "/city/depot");
        assertThat(page.textSource()).isEqualTo("json-ld:articleBody");
        assertThat(page.text().split("\n\n")).hasSize(3);
        assertThat(new ArticlePageExtractor(allBut(ExtractionRule.JSON_LD_BODY)).extract(html, BASE + "/city/depot").text())
                .doesNotContain("Work on the roof");
    }

    @Test
    void shouldKeepTheNewsletterPromoBeforeTheArticleAndTheHeadlineOutOfTheBody() {
        String html = new String(FixtureServer.resource("fixtures/pages/promo-before-article.html"), StandardCharsets.UTF_8)
                .replace("{{base}}", BASE);

        String[] paragraphs = new ArticlePageExtractor().extract(html, BASE + "/local/harbour-ferry-returns").text().split("\n\n");

        assertThat(paragraphs[0]).startsWith("The little ferry that links the old town");
        assertThat(paragraphs[1]).startsWith("About sixty people queued");
        assertThat(String.join("\n", paragraphs)).doesNotContain("newsletter").doesNotContain("Harbour ferry returns")
                .doesNotContain("Share on").doesNotContain("Read more").doesNotContain("Council approves")
                .doesNotContain("Ana Ruiz").doesNotContain("is a local news reporter").doesNotContain("cookies")
                .contains("Costs doubled").contains("first month of crossings is free");
        // Readability alone, as before: the promo leads and the headline follows it.
        String[] bare = ArticlePageExtractor.bare().extract(html, BASE + "/local/harbour-ferry-returns").text().split("\n\n");
        assertThat(String.join("\n", bare)).contains("newsletter");
    }
}
