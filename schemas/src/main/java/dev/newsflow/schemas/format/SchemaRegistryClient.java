package dev.newsflow.schemas.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.avro.Schema;

/**
 * The few calls of the Confluent Schema Registry REST API that NewsFlow needs: register a
 * schema under a subject, set a subject's compatibility, and fetch a schema by id. Any registry
 * that speaks this API answers them (Confluent, Karapace, Redpanda, Apicurio's {@code ccompat}
 * API). Schemas fetched by id are cached for the life of the client. Thread-safe.
 */
public final class SchemaRegistryClient {
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<URI> urls;
    private final String authorization;
    private final HttpClient http;
    private final Duration timeout;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

    /** @param settings the {@link TopicSerdes} registry keys ({@code schema.registry.url}, auth, TLS) */
    public SchemaRegistryClient(RegistrySettings settings) {
        this.urls = settings.urls().stream().map(url -> URI.create(url.endsWith("/") ? url : url + "/")).toList();
        this.authorization = settings.basicAuthUserInfo().isEmpty() ? null
                : "Basic " + Base64.getEncoder().encodeToString(settings.basicAuthUserInfo().getBytes(StandardCharsets.UTF_8));
        this.timeout = settings.requestTimeout();
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout);
        if (settings.usesTls()) {
            builder.sslContext(sslContext(settings));
        }
        this.http = builder.build();
    }

    /** Registers {@code schema} under {@code subject} (a no-op answer with the same id when it is there). */
    public int register(String subject, Schema schema) {
        JsonNode answer = call("POST", "subjects/" + encode(subject) + "/versions",
                MAPPER.createObjectNode().put("schema", schema.toString()));
        int id = answer.path("id").asInt(-1);
        if (id < 0) {
            throw new SchemaRegistryException("Schema registry " + urls.get(0) + " answered no id for subject " + subject
                    + ": " + answer, 200);
        }
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    /** Sets the compatibility level of one subject (BACKWARD, FULL, NONE, ...). */
    public void setCompatibility(String subject, String level) {
        call("PUT", "config/" + encode(subject), MAPPER.createObjectNode().put("compatibility", level));
    }

    /** The compatibility level set on {@code subject}, or {@code null} when it has none of its own. */
    public String compatibility(String subject) {
        try {
            JsonNode answer = call("GET", "config/" + encode(subject), null);
            JsonNode level = answer.has("compatibilityLevel") ? answer.get("compatibilityLevel") : answer.get("compatibility");
            return level == null ? null : level.asText();
        } catch (SchemaRegistryException e) {
            if (e.status() == 404) {
                return null;
            }
            throw e;
        }
    }

    /** The schema registered under {@code id}. */
    public Schema schema(int id) {
        Schema known = schemasById.get(id);
        if (known != null) {
            return known;
        }
        JsonNode answer = call("GET", "schemas/ids/" + id, null);
        String text = answer.path("schema").asText(null);
        if (text == null) {
            throw new SchemaRegistryException("Schema registry " + urls.get(0) + " has no schema text for id " + id, 200);
        }
        Schema schema = new Schema.Parser().setValidateDefaults(false).parse(text);
        schemasById.putIfAbsent(id, schema);
        return schema;
    }

    private JsonNode call(String method, String path, JsonNode body) {
        SchemaRegistryException unreachable = null;
        for (URI base : urls) {
            URI uri = base.resolve(path);
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                    .header("Accept", CONTENT_TYPE + ", application/json");
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", CONTENT_TYPE)
                        .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
            }
            HttpResponse<String> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                unreachable = new SchemaRegistryException("Schema registry " + base + " is unreachable: "
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException("Interrupted while calling schema registry " + base, e);
            }
            JsonNode answer = parse(response.body());
            if (response.statusCode() / 100 != 2) {
                String message = answer.path("message").asText(response.body());
                throw new SchemaRegistryException("Schema registry " + base + " answered " + response.statusCode()
                        + " to " + method + " /" + path + ": " + message, response.statusCode());
            }
            return answer;
        }
        throw unreachable;
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? MAPPER.createObjectNode() : MAPPER.readTree(body);
        } catch (IOException e) {
            return MAPPER.createObjectNode().put("message", body.length() > 200 ? body.substring(0, 200) : body);
        }
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static SSLContext sslContext(RegistrySettings settings) {
        try {
            TrustManagerFactory trust = null;
            if (!settings.truststoreLocation().isEmpty()) {
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(load(settings.truststoreLocation(), settings.truststoreType(), settings.truststorePassword()));
            }
            KeyManagerFactory keys = null;
            if (!settings.keystoreLocation().isEmpty()) {
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(load(settings.keystoreLocation(), settings.keystoreType(), settings.keystorePassword()),
                        (settings.keyPassword().isEmpty() ? settings.keystorePassword() : settings.keyPassword()).toCharArray());
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new SchemaRegistryException("Cannot set up TLS for the schema registry: " + e.getMessage(), e);
        }
    }

    private static KeyStore load(String location, String type, String password)
            throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(Path.of(location))) {
            store.load(in, password.isEmpty() ? null : password.toCharArray());
        }
        return store;
    }
}
