package dev.newsflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsflow.testkit.KafkaBrokerExtension;
import dev.newsflow.testkit.KafkaTestBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Thousands of generated request bodies against the real push endpoint (seeded, so a failure
 * repeats with {@code -Dfuzz.seed=N}): valid articles, the same with their bytes cut, flipped
 * or spliced, fields of every JSON type, dates far outside any calendar, deep nesting, and
 * several content types. No answer may be a 5xx, and every refusal is a JSON 4xx.
 */
@ExtendWith(KafkaBrokerExtension.class)
@Timeout(240)
class PushEndpointFuzzIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BODIES = 3_000;
    private static final Duration BUDGET = Duration.ofSeconds(120);
    private static final Set<Integer> EXPECTED = Set.of(202, 400, 413, 415);
    private static final List<String> FIELDS = List.of("title", "headline", "body", "text", "content", "articleBody", "html",
            "url", "link", "publishedAt", "published_at", "datePublished", "published", "date", "source", "authors",
            "author", "guid", "id", "language", "lang", "dateline", "extra");
    private static final List<String> TYPES = List.of("application/json", "application/json", "application/json",
            "application/x-ndjson", "application/x-ndjson", "application/json; charset=utf-8", "text/plain",
            "application/json; charset=latin1", "multipart/form-data; boundary=x");
    private static final List<String> TOKENS = List.of("{", "}", "[", "]", ",", ":", "\"", "\\", "\\u0000", "\\ud800",
            "null", "true", "-", "1e999", "-1e18", "0x10", "NaN", "\n", "\r\n", "/*", "\u00e9", "\uD83D\uDCF0", "\u0000");

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void shouldNeverAnswer5xxToThousandsOfGeneratedBodies(KafkaTestBroker broker) throws Exception {
        long seed = Long.getLong("fuzz.seed", 19L);
        Random random = new Random(seed);
        String prefix = KafkaTestBroker.uniqueName("push-fuzz") + ".";
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        int sent = 0;
        try (IngestService service = new IngestService(IngestTestSupport.config(broker.bootstrapServers(), prefix,
                Map.of(IngestConfig.HTTP_PORT, 0, IngestConfig.HTTP_MAX_BODY_BYTES, 64 * 1024,
                        IngestConfig.ARTICLE_MAX_CHARS, 2_000)), new SimpleMeterRegistry())) {
            service.start();
            URI uri = URI.create("http://127.0.0.1:" + service.httpPort() + "/articles");
            long deadline = System.nanoTime() + BUDGET.toNanos();
            for (; sent < BODIES && System.nanoTime() < deadline; sent++) {
                String type = TYPES.get(random.nextInt(TYPES.size()));
                byte[] body = body(random, type.startsWith("application/x-ndjson"));
                HttpResponse<String> response;
                try {
                    response = client.send(HttpRequest.newBuilder(uri).header("Content-Type", type)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
                } catch (java.io.IOException e) {
                    failures.add("no answer (" + e + ") for " + type + " body " + preview(body));
                    continue;
                }
                statuses.merge(response.statusCode(), 1, Integer::sum);
                String problem = problem(response);
                if (problem != null && failures.size() < 20) {
                    failures.add(problem + " for " + type + " body " + preview(body));
                }
            }
        }

        assertThat(failures).as("seed %d, statuses %s", seed, statuses).isEmpty();
        assertThat(sent).as("bodies sent within %s", BUDGET).isGreaterThanOrEqualTo(1_000);
        assertThat(statuses).as("the generator reaches acceptance and each refusal").containsKeys(202, 400, 413, 415);
    }

    private static String problem(HttpResponse<String> response) {
        int status = response.statusCode();
        if (!EXPECTED.contains(status)) {
            return "status " + status + " (" + response.body() + ")";
        }
        if (!response.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
            return "status " + status + " without JSON";
        }
        try {
            JsonNode json = JSON.readTree(response.body());
            boolean fine = status == 202 ? json.path("ids").isArray()
                    : json.path("status").asInt() == status && !json.path("error").asText().isBlank();
            return fine ? null : "status " + status + " with unexpected JSON " + response.body();
        } catch (Exception e) {
            return "status " + status + " with unreadable JSON " + response.body();
        }
    }

    private static byte[] body(Random random, boolean lines) {
        int articles = lines ? 1 + random.nextInt(3) : 1;
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < articles; i++) {
            text.append(article(random));
            if (lines) {
                text.append('\n');
            }
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        return switch (random.nextInt(6)) {
            case 0 -> cut(random, bytes);
            case 1 -> flip(random, bytes);
            case 2 -> splice(random, text.toString()).getBytes(StandardCharsets.UTF_8);
            default -> bytes;
        };
    }

    private static String article(Random random) {
        return switch (random.nextInt(10)) {
            case 0 -> "[".repeat(1 + random.nextInt(200_000 / 4)) + (random.nextBoolean() ? "]" : "");
            case 1 -> "{\"title\":\"t\",\"body\":\"b\",\"x\":" + "{\"a\":".repeat(1 + random.nextInt(200)) + "1"
                    + "}".repeat(random.nextInt(201)) + "}";
            case 2 -> randomValue(random, 3);
            default -> object(random);
        };
    }

    /** An object with random known fields of random JSON types (mostly the right one). */
    private static String object(Random random) {
        StringBuilder json = new StringBuilder("{");
        int fields = random.nextInt(6);
        if (random.nextInt(4) > 0) {
            json.append("\"title\":").append(quote("Item " + random.nextInt(50))).append(",\"body\":")
                    .append(quote(words(random, random.nextInt(5) == 0 ? 2_500 : 1 + random.nextInt(40))));
            fields--;
        }
        for (int i = 0; i < fields; i++) {
            if (json.length() > 1) {
                json.append(',');
            }
            String field = FIELDS.get(random.nextInt(FIELDS.size()));
            json.append(quote(field)).append(':').append(field.toLowerCase().contains("publish") || field.equals("date")
                    ? date(random) : random.nextInt(3) == 0 ? randomValue(random, 2) : quote(words(random, 3)));
        }
        return json.append('}').toString();
    }

    private static String date(Random random) {
        return switch (random.nextInt(9)) {
            case 0 -> "-1e18";
            case 1 -> "1e300";
            case 2 -> String.valueOf(random.nextLong());
            case 3 -> String.valueOf(random.nextDouble() * 2e12);
            case 4 -> quote("+999999999-12-31T23:59:59Z");
            case 5 -> quote("2024-02-30T10:00:00Z");
            case 6 -> String.valueOf(1_600_000_000L + random.nextInt(100_000_000));
            case 7 -> quote("Tue, 10 Jun 2025 09:30:00 GMT");
            default -> randomValue(random, 1);
        };
    }

    private static String randomValue(Random random, int depth) {
        int kind = random.nextInt(depth <= 0 ? 6 : 8);
        return switch (kind) {
            case 0 -> "null";
            case 1 -> String.valueOf(random.nextBoolean());
            case 2 -> String.valueOf(random.nextInt());
            case 3 -> String.valueOf(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
            case 4 -> quote(words(random, 2));
            case 5 -> quote(TOKENS.get(random.nextInt(TOKENS.size())));
            case 6 -> "[" + randomValue(random, depth - 1) + "," + randomValue(random, depth - 1) + "]";
            default -> "{\"name\":" + randomValue(random, depth - 1) + "}";
        };
    }

    private static String words(Random random, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(i == 0 ? "" : random.nextInt(12) == 0 ? "\n\n" : " ")
                    .append(List.of("ferry", "council", "harbour", "<b>vote</b>", "Berlin", "&amp;", "résumé", "news").get(random.nextInt(8)));
        }
        return text.toString();
    }

    private static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] cut(Random random, byte[] bytes) {
        return java.util.Arrays.copyOf(bytes, bytes.length == 0 ? 0 : random.nextInt(bytes.length));
    }

    private static byte[] flip(Random random, byte[] bytes) {
        byte[] copy = bytes.clone();
        for (int i = 0; i < 1 + random.nextInt(4) && copy.length > 0; i++) {
            copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
        }
        return copy;
    }

    private static String splice(Random random, String text) {
        int at = text.isEmpty() ? 0 : random.nextInt(text.length() + 1);
        return text.substring(0, at) + TOKENS.get(random.nextInt(TOKENS.size())) + text.substring(at);
    }

    private static String preview(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() > 300 ? text.substring(0, 300) + "... (" + body.length + " bytes)" : text;
    }
}
