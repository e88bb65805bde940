package dev.newsflow.ingest.normalize;

import java.util.regex.Pattern;

/**
 * Lines of page furniture that scraped articles carry between paragraphs ("COMMERCIAL BREAK",
 * "SCROLL TO CONTINUE READING", "Advertisement", share and newsletter prompts). A line is junk
 * only when the whole line is such a phrase, so sentences that mention them survive.
 */
final class JunkLines {
    private static final Pattern JUNK = Pattern.compile("(?i)^[\\W_]*(?:"
            + "commercial break|scroll (?:down )?to continue(?: reading)?|continue reading(?: below| the main story)?"
            + "|advertisement|advertisment|sponsored(?: content)?|ad|ads|story continues (?:below|after) (?:this )?advertisement"
            + "|article continues (?:below|after) (?:this )?(?:advertisement|advert|ad)"
            + "|skip (?:to content|advertisement|ad)|share (?:this|this article|this story|on \\w+)|share|tweet|email|print"
            + "|read more(?: here)?|related(?: articles| stories| content)?:?.{0,80}|see also:?.{0,80}"
            + "|(?:sign up|subscribe)(?: now)?(?: for| to) (?:our|the) [\\w ]{0,40}newsletters?.{0,40}"
            + "|click here to [\\w ]{0,60}|follow us on [\\w ,]{0,60}|watch(?: the)? video.{0,40}"
            + "|photos?|image (?:source|copyright).{0,80}|getty images|\\(?ap photo.{0,80}"
            + ")[\\W_]*$");

    private JunkLines() {
    }

    static boolean isJunk(String line) {
        return line.length() <= 160 && JUNK.matcher(line).matches();
    }
}
