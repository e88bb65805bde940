package dev.newsflow.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every NewsFlow HTTP server does the same way, installed on a Javalin config by
 * {@link #install}:
 * <ul>
 *   <li>the {@code Host} header must name this server ({@link #ALLOWED_HOSTS}): a page on
 *       another site cannot reach it through DNS rebinding;</li>
 *   <li>when a token is set ({@link #AUTH_TOKEN}), every request but the health probes
 *       ({@link #OPEN_PATHS}, left open for orchestrators) must carry it as
 *       {@code Authorization: Bearer <token>}, else 401;</li>
 *   <li>a request that writes (POST, PUT, PATCH, DELETE) and carries an {@code Origin} must come
 *       from this server's own origin: other web pages open in a browser cannot write;</li>
 *   <li>every error, whoever raises it (a handler, the router, Jetty's HTTP parser), is answered
 *       as JSON {@code {"status": N, "error": "..."}}: 400, 403, 404, 405, 413, 414, 415, 431, 500;</li>
 *   <li>a method the path does not serve answers 405, an unknown path 404;</li>
 *   <li>{@code HEAD} answers exactly as {@code GET} would, without the body.</li>
 * </ul>
 */
public final class HttpGuard {
    /** The configuration key every stage with an HTTP server defines (type LIST). */
    public static final String ALLOWED_HOSTS = dev.newsflow.config.StageConfig.HTTP_ALLOWED_HOSTS;
    /** The configuration key of the web origins allowed by CORS (type LIST); empty = off. */
    public static final String CORS_ORIGINS = dev.newsflow.config.StageConfig.HTTP_CORS_ORIGINS;
    /** Its description, shared by every stage. */
    public static final String ALLOWED_HOSTS_DOC = dev.newsflow.config.StageConfig.HTTP_ALLOWED_HOSTS_DOC;
    /** The configuration key of the bearer token (type PASSWORD, so config dumps mask it); empty = no authentication. */
    public static final String AUTH_TOKEN = "http.auth.token";
    /** Its description, shared by every stage with an HTTP server. */
    public static final String AUTH_TOKEN_DOC = "Bearer token every request must carry (Authorization: Bearer TOKEN) "
            + "when set; without it, or with another, the answer is 401. The health probes /health, /health/live and "
            + "/health/ready stay open for orchestrators. Empty = no authentication. Masked in config dumps.";
    /** Paths answered without the token: the health probes. */
    public static final Set<String> OPEN_PATHS = Set.of("/health", "/health/live", "/health/ready");
    /** Shortest token accepted: a guessable token is no protection. */
    public static final int MIN_TOKEN_CHARS = 16;

    /** Content type of every JSON answer. */
    public static final String JSON = "application/json";

    private static final Logger LOG = LoggerFactory.getLogger(HttpGuard.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "::1");
    private static final Set<HandlerType> WRITES = Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH,
            HandlerType.DELETE);

    private HttpGuard() {
    }

    /** An error answered as JSON with its status; {@code details} are added to the JSON object. */
    public static final class HttpError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final transient Map<String, Object> details;

        public HttpError(int status, String message) {
            this(status, message, Map.of());
        }

        public HttpError(int status, String message, Map<String, Object> details) {
            super(message);
            this.status = status;
            this.details = details;
        }

        public int status() {
            return status;
        }

        public Map<String, Object> details() {
            return details;
        }
    }

    /**
     * The names the server answers to.
     *
     * @param configured the {@link #ALLOWED_HOSTS} value: empty for localhost, 127.0.0.1 and ::1; {@code *} for any
     * @param ownNames   names of this server that are always allowed (its bind host, an advertised host);
     *                   wildcards (0.0.0.0, ::) and blanks are skipped
     * @return the allowed names, lower case; empty means any
     */
    public static Set<String> allowedHosts(List<String> configured, String... ownNames) {
        Set<String> names = new LinkedHashSet<>();
        for (String name : configured) {
            String clean = name.strip().toLowerCase(Locale.ROOT);
            if (clean.equals("*")) {
                return Set.of();
            }
            if (!clean.isEmpty()) {
                names.add(unbracket(clean));
            }
        }
        if (names.isEmpty()) {
            names.addAll(LOOPBACK);
        }
        for (String name : ownNames) {
            String clean = name == null ? "" : unbracket(name.strip().toLowerCase(Locale.ROOT));
            if (!clean.isEmpty() && !clean.equals("0.0.0.0") && !clean.equals("::")) {
                names.add(clean);
            }
        }
        return Set.copyOf(names);
    }

    /**
     * Installs the checks and the JSON errors, without authentication.
     *
     * @param allowedHosts from {@link #allowedHosts}; empty allows any Host
     */
    public static void install(JavalinConfig config, Set<String> allowedHosts) {
        install(config, allowedHosts, "");
    }

    /**
     * Installs the checks and the JSON errors.
     *
     * @param allowedHosts from {@link #allowedHosts}; empty allows any Host
     * @param token        the bearer token every request but the health probes must carry; empty or null for none
     */
    public static void install(JavalinConfig config, Set<String> allowedHosts, String token) {
        install(config, allowedHosts, token, Set.of(), List.of());
    }

    /**
     * Installs the checks and the JSON errors, with further paths open without the token.
     *
     * @param openPaths further exact paths answered without the token: only ones that give no data (the sink's
     *                  dashboard page and scripts, which a browser loads before it can send a token)
     */
    public static void install(JavalinConfig config, Set<String> allowedHosts, String token, Set<String> openPaths) {
        install(config, allowedHosts, token, openPaths, List.of());
    }

    /** Installs the checks and the JSON errors, and CORS for the given web origins (see the five-argument form). */
    public static void install(JavalinConfig config, Set<String> allowedHosts, String token, List<String> corsOrigins) {
        install(config, allowedHosts, token, Set.of(), corsOrigins);
    }

    /**
     * Installs the checks and the JSON errors, and CORS for the given web origins (Javalin's CORS plugin): pages
     * of those origins may read the answers (GET, HEAD; the Authorization header may be sent), and a preflight
     * {@code OPTIONS} needs no token (it carries none, and gets no data). Writes stay same-origin.
     *
     * @param allowedHosts from {@link #allowedHosts}; empty allows any Host
     * @param token        the bearer token every request but the health probes and {@code openPaths} must carry;
     *                     empty or null for none
     * @param openPaths    further exact paths answered without the token: only ones that give no data
     * @param corsOrigins  the {@link #CORS_ORIGINS} value: origins like {@code https://news.example}, {@code *} for
     *                     any; empty for no CORS
     */
    public static void install(JavalinConfig config, Set<String> allowedHosts, String token, Set<String> openPaths,
            List<String> corsOrigins) {
        List<String> origins = corsOrigins.stream().map(String::strip).filter(o -> !o.isEmpty()).toList();
        if (!origins.isEmpty()) {
            config.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
                if (origins.contains("*")) {
                    rule.anyHost();
                } else {
                    rule.allowHost(origins.get(0), origins.subList(1, origins.size()).toArray(String[]::new));
                }
            }));
        }
        byte[] expected = token == null || token.isEmpty() ? null : sha256(token);
        Set<String> open = new java.util.HashSet<>(OPEN_PATHS);
        open.addAll(openPaths);
        config.http.prefer405over404 = true;
        config.routes.before(ctx -> {
            check(ctx, allowedHosts);
            if (expected != null) {
                authenticate(ctx, expected, open);
            }
        });
        config.routes.exception(HttpError.class, (e, ctx) -> answer(ctx, e.status(), e.getMessage(), e.details()));
        config.routes.exception(HttpResponseException.class, (e, ctx) -> answer(ctx, e.getStatus(), e.getMessage(), Map.of()));
        config.routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            answer(ctx, 500, "internal error: " + e, Map.of());
        });
        for (int status = 400; status < 600; status++) {
            int code = status;
            config.routes.error(code, ctx -> {
                if (!isJson(ctx)) {
                    answer(ctx, code, defaultMessage(ctx, code), Map.of());
                }
            });
        }
        config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
        config.jetty.modifyServletContextHandler(handler -> handler.setErrorHandler(new JsonErrorHandler()));
    }

    /**
     * Registers {@code handler} for GET and for HEAD on {@code path}: HEAD then answers with the status and headers
     * GET would (Javalin's own HEAD answers 200 for any GET route, even where GET answers 404).
     */
    public static void get(JavalinConfig config, String path, Handler handler) {
        config.routes.get(path, handler);
        config.routes.head(path, handler);
    }

    /**
     * Refuses (415) a request whose {@code Content-Type} media type is not one of {@code accepted}; a charset,
     * when given, must be UTF-8.
     *
     * @return the media type found, lower case, without parameters
     */
    public static String requireContentType(Context ctx, Collection<String> accepted) {
        String header = ctx.header("Content-Type");
        String type = header == null ? "" : header.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!accepted.contains(type)) {
            throw new HttpError(415, (header == null ? "no Content-Type" : "Content-Type '" + header + "' is not accepted")
                    + "; send " + String.join(" or ", accepted), Map.of("accepted", List.copyOf(accepted)));
        }
        for (String parameter : header.split(";")) {
            String[] pair = parameter.split("=", 2);
            if (pair.length == 2 && pair[0].strip().equalsIgnoreCase("charset")) {
                String charset = pair[1].strip().replace("\"", "");
                if (!charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")) {
                    throw new HttpError(415, "charset '" + charset + "' is not accepted; send UTF-8");
                }
            }
        }
        return type;
    }

    /**
     * What is wrong with {@code token} as an {@link #AUTH_TOKEN} (never repeating it), or null when it is empty or
     * good: at least {@link #MIN_TOKEN_CHARS} visible ASCII characters, as an HTTP header carries it.
     */
    public static String tokenProblem(String token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        if (token.length() < MIN_TOKEN_CHARS) {
            return "must be empty or at least " + MIN_TOKEN_CHARS + " characters long (it has " + token.length() + ")";
        }
        if (!token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            return "may hold only visible ASCII characters (no spaces), as an HTTP header carries it";
        }
        return null;
    }

    /** Writes a JSON error answer: {@code {"status": N, "error": message, ...details}}. */
    public static void answer(Context ctx, int status, String message, Map<String, Object> details) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", status);
        json.put("error", message);
        json.putAll(details);
        ctx.status(status);
        ctx.contentType(JSON).result(bytes(json));
    }

    /** {@code {"status": N, "error": message}} as bytes. */
    static byte[] errorBytes(int status, String message) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", status);
        json.put("error", message);
        return bytes(json);
    }

    static byte[] bytes(Object json) {
        try {
            return MAPPER.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void check(Context ctx, Set<String> allowedHosts) {
        String host = ctx.header("Host");
        if (!allowedHosts.isEmpty() && host != null && !allowedHosts.contains(hostName(host))) {
            throw new HttpError(403, "Host '" + host + "' is not a name of this server (" + ALLOWED_HOSTS + ")");
        }
        if (WRITES.contains(ctx.method())) {
            String origin = ctx.header("Origin");
            if (origin != null && !sameOrigin(origin, host)) {
                throw new HttpError(403, "cross-origin write from '" + origin + "' refused");
            }
            String site = ctx.header("Sec-Fetch-Site");
            if ("cross-site".equalsIgnoreCase(site)) {
                throw new HttpError(403, "cross-site write refused (Sec-Fetch-Site: cross-site)");
            }
        }
    }

    /**
     * Refuses (401) a request outside {@link #OPEN_PATHS} and the other open paths without the bearer token. Digests of equal length are
     * compared in constant time, so the answer time says nothing about how much of a guess was right.
     */
    private static void authenticate(Context ctx, byte[] expected, Set<String> open) {
        if (open.contains(ctx.path()) || isPreflight(ctx)) {
            return;
        }
        String header = ctx.header("Authorization");
        String[] parts = header == null ? new String[0] : header.strip().split("\\s+", 2);
        if (parts.length != 2 || !parts[0].equalsIgnoreCase("Bearer")) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"newsflow\"");
            throw new HttpError(401, "authentication required: send the " + AUTH_TOKEN + " as 'Authorization: Bearer TOKEN'");
        }
        if (!java.security.MessageDigest.isEqual(sha256(parts[1].strip()), expected)) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"newsflow\", error=\"invalid_token\"");
            throw new HttpError(401, "the bearer token is not this server's " + AUTH_TOKEN);
        }
    }

    /** A CORS preflight: OPTIONS asking whether a method may be used; browsers never send credentials with it. */
    private static boolean isPreflight(Context ctx) {
        return ctx.method() == HandlerType.OPTIONS && ctx.header("Access-Control-Request-Method") != null;
    }

    private static byte[] sha256(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static boolean sameOrigin(String origin, String host) {
        if (host == null) {
            return false;
        }
        try {
            URI uri = new URI(origin.strip());
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())
                    || uri.getRawAuthority() == null) {
                return false;
            }
            return uri.getRawAuthority().equalsIgnoreCase(host.strip());
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** The name in a Host header value, lower case, without port and brackets. */
    static String hostName(String header) {
        String value = header.strip().toLowerCase(Locale.ROOT);
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            return end < 0 ? value : value.substring(1, end);
        }
        int colon = value.indexOf(':');
        return colon < 0 || value.indexOf(':', colon + 1) >= 0 ? value : value.substring(0, colon);
    }

    private static String unbracket(String name) {
        return name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
    }

    private static boolean isJson(Context ctx) {
        String type = ctx.res().getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith(JSON);
    }

    private static String defaultMessage(Context ctx, int status) {
        return switch (status) {
            case 404 -> "no resource at " + ctx.path();
            case 405 -> "method " + ctx.method() + " is not allowed on " + ctx.path();
            case 413 -> "request body too large";
            default -> {
                HttpStatus known = HttpStatus.forStatus(status);
                yield known == HttpStatus.UNKNOWN ? "error " + status : known.getMessage().toLowerCase(Locale.ROOT);
            }
        };
    }
}
