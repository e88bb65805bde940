package dev.newsflow.app;

import java.io.PrintStream;

/**
 * Progress output: on a terminal one line rewritten in place; otherwise a plain line
 * whenever the text changes (so logs and CI output stay readable).
 */
final class StatusLine {
    private final PrintStream out;
    private final boolean terminal;
    private String last = "";

    StatusLine(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    synchronized void show(String text) {
        if (text.equals(last)) {
            return;
        }
        last = text;
        if (terminal) {
            out.print("\r\033[K" + text);
        } else {
            out.println(text);
        }
        out.flush();
    }

    /** Prints {@code text} as a line of its own, above the status line on a terminal (which stays shown). */
    synchronized void line(String text) {
        if (terminal) {
            out.print("\r\033[K" + text + System.lineSeparator() + last);
        } else {
            out.println(text);
        }
        out.flush();
    }

    synchronized void done(String text) {
        show(text);
        if (terminal) {
            out.println();
        }
    }
}
