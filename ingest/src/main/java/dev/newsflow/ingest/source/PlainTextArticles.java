package dev.newsflow.ingest.source;

import dev.newsflow.ingest.normalize.RawArticle;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A plain-text file as an article. The title is the first line when it reads as a headline
 * (a short line of its own, not ending like a sentence, followed by more text); otherwise it
 * is made from the file name ("hollande-moscow-coalition.txt" gives "Hollande moscow coalition").
 * A dateline before the first sentence is split off later, by the normalizer.
 */
public final class PlainTextArticles {
    private static final int MAX_HEADLINE_CHARS = 160;

    private PlainTextArticles() {
    }

    public static RawArticle fromText(String content, Path file, String source) {
        String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
        String normalized = text.replace("\r\n", "\n").replace('\r', '\n').strip();
        int firstBreak = normalized.indexOf('\n');
        String firstLine = firstBreak < 0 ? normalized : normalized.substring(0, firstBreak).strip();
        String rest = firstBreak < 0 ? "" : normalized.substring(firstBreak + 1);
        RawArticle raw = new RawArticle(source).meta("file", file.getFileName().toString());
        if (isHeadline(firstLine, rest)) {
            return raw.title(firstLine).text(rest);
        }
        return raw.title(titleFromFileName(file)).text(normalized);
    }

    static boolean isHeadline(String line, String rest) {
        if (line.isEmpty() || rest.isBlank() || line.length() > MAX_HEADLINE_CHARS) {
            return false;
        }
        char last = line.charAt(line.length() - 1);
        boolean sentenceEnd = last == '.' || last == ',' || last == ';' || last == ':';
        boolean datelineStart = line.matches("^[A-Z][A-Za-z .'-]{1,40}(?:\\([^)]*\\))?\\s*(?::|\\s[-\u2013\u2014])\\s.*");
        return !sentenceEnd && !datelineStart && line.split("\\s+").length <= 25;
    }

    static String titleFromFileName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = (dot > 0 ? name.substring(0, dot) : name).replaceAll("[-_]+", " ").replaceAll("\\s+", " ").strip();
        if (base.isEmpty()) {
            return null;
        }
        return base.substring(0, 1).toUpperCase(Locale.ROOT) + base.substring(1);
    }
}
