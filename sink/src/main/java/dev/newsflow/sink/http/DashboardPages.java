package dev.newsflow.sink.http;

import io.javalin.config.JavalinConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The dashboard: a few hand-written files (HTML, ES modules, CSS) served from the classpath at
 * {@code /} and {@code /dashboard/...}. They hold no data and no secret, so they are open even when
 * {@code http.auth.token} is set (a browser loads a page before it can send a header); the data
 * routes they call are not. Every page answer carries a Content-Security-Policy that allows only
 * this origin's scripts, styles and connections.
 */
final class DashboardPages {
    /** Where the files are on the classpath. */
    static final String RESOURCES = "/dev/newsflow/sink/dashboard/";
    /** The policy of every page answer: same-origin scripts, styles and fetches only; no frames, plugins or inline code. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private record Page(String contentType, byte[] body) {
    }

    /** Path served -> file name under {@link #RESOURCES} and its content type. */
    private static final Map<String, String[]> FILES = files();

    /** The paths served, answered without the token. */
    static final Set<String> PATHS = Set.copyOf(FILES.keySet());

    private final Map<String, Page> pages = new LinkedHashMap<>();

    DashboardPages() {
        FILES.forEach((path, file) -> pages.put(path, new Page(file[1], read(file[0]))));
    }

    /** Registers a GET (and HEAD) route per file. */
    void install(JavalinConfig config) {
        pages.forEach((path, page) -> dev.newsflow.http.HttpGuard.get(config, path, ctx -> {
            ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("Referrer-Policy", "no-referrer");
            ctx.header("Cache-Control", "no-cache");
            ctx.contentType(page.contentType()).result(page.body());
        }));
    }

    private static Map<String, String[]> files() {
        Map<String, String[]> files = new LinkedHashMap<>();
        files.put("/", new String[] {"index.html", "text/html; charset=utf-8"});
        for (String module : new String[] {"api.js", "app.js", "views.js", "chart.js"}) {
            files.put("/dashboard/" + module, new String[] {module, "text/javascript; charset=utf-8"});
        }
        files.put("/dashboard/style.css", new String[] {"style.css", "text/css; charset=utf-8"});
        return files;
    }

    private static byte[] read(String file) {
        try (InputStream in = DashboardPages.class.getResourceAsStream(RESOURCES + file)) {
            if (in == null) {
                throw new IllegalStateException("The dashboard file " + RESOURCES + file + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
