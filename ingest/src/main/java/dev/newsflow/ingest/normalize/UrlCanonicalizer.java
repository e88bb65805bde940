package dev.newsflow.ingest.normalize;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Canonical form of an article URL: lower-case scheme and host, default port dropped, no
 * fragment, no tracking parameters ({@code utm_*}, {@code fbclid}, {@code gclid}, ...),
 * relative links resolved against a base. Two links to the same article give the same string.
 */
public final class UrlCanonicalizer {
    private static final Set<String> TRACKING = Set.of("fbclid", "gclid", "dclid", "gclsrc", "msclkid", "mc_cid", "mc_eid",
            "yclid", "igshid", "_ga", "_gl", "ocid", "cmpid", "ncid", "smid", "ref_src", "spm", "mkt_tok", "wt.mc_id",
            "__twitter_impression", "oly_anon_id", "oly_enc_id", "vero_id", "rb_clickid", "s_cid", "cid");
    private static final List<String> TRACKING_PREFIXES = List.of("utm_", "pk_", "hsa_", "at_", "itm_");

    private UrlCanonicalizer() {
    }

    /** The canonical URL of {@code link}, resolved against {@code base} (may be null); empty if it is not an http(s) URL. */
    public static Optional<String> canonical(String link, String base) {
        if (link == null || link.isBlank()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(link.strip().replace(" ", "%20"));
            if (!uri.isAbsolute() && base != null && !base.isBlank()) {
                uri = new URI(base.strip()).resolve(uri);
            }
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!"http".equals(scheme) && !"https".equals(scheme) || uri.getHost() == null) {
                return Optional.empty();
            }
            String host = uri.getHost().toLowerCase(Locale.ROOT);
            if (host.endsWith(".")) {
                host = host.substring(0, host.length() - 1);
            }
            int port = uri.getPort();
            if (port == 80 && scheme.equals("http") || port == 443 && scheme.equals("https")) {
                port = -1;
            }
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.normalize().getRawPath();
            StringBuilder out = new StringBuilder(scheme).append("://").append(host);
            if (port != -1) {
                out.append(':').append(port);
            }
            out.append(path);
            String query = cleanQuery(uri.getRawQuery());
            if (!query.isEmpty()) {
                out.append('?').append(query);
            }
            return Optional.of(out.toString());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public static Optional<String> canonical(String link) {
        return canonical(link, null);
    }

    private static String cleanQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String> kept = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String name = pair.split("=", 2)[0].toLowerCase(Locale.ROOT);
            if (!TRACKING.contains(name) && TRACKING_PREFIXES.stream().noneMatch(name::startsWith)) {
                kept.add(pair);
            }
        }
        return String.join("&", kept);
    }
}
