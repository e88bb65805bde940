package dev.newsflow.schemas.format;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Where the schema registry is and how to reach it: the {@code schema.registry.*} keys of
 * {@link TopicSerdes}, as the serdes receive them in their configure pass.
 */
public record RegistrySettings(List<String> urls, String basicAuthUserInfo,
                               String truststoreLocation, String truststorePassword, String truststoreType,
                               String keystoreLocation, String keystorePassword, String keystoreType, String keyPassword,
                               Duration requestTimeout) {

    /** Reads the registry keys from a serde's configs; {@code schema.registry.url} is required. */
    public static RegistrySettings from(Map<String, ?> configs) {
        String url = text(configs, TopicSerdes.REGISTRY_URL);
        if (url.isBlank()) {
            throw new ConfigException(TopicSerdes.REGISTRY_URL + " must be set when " + TopicSerdes.VALUE_FORMAT + "="
                    + ValueFormat.AVRO_REGISTRY.configName());
        }
        List<String> urls = Arrays.stream(url.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        for (String one : urls) {
            if (!one.startsWith("http://") && !one.startsWith("https://")) {
                throw new ConfigException(TopicSerdes.REGISTRY_URL, one, "not an http:// or https:// URL");
            }
        }
        Object timeout = configs.get(TopicSerdes.REGISTRY_REQUEST_TIMEOUT_MS);
        return new RegistrySettings(urls, text(configs, TopicSerdes.REGISTRY_BASIC_AUTH_USER_INFO),
                text(configs, TopicSerdes.REGISTRY_TRUSTSTORE_LOCATION), text(configs, TopicSerdes.REGISTRY_TRUSTSTORE_PASSWORD),
                orDefault(text(configs, TopicSerdes.REGISTRY_TRUSTSTORE_TYPE), "PKCS12"),
                text(configs, TopicSerdes.REGISTRY_KEYSTORE_LOCATION), text(configs, TopicSerdes.REGISTRY_KEYSTORE_PASSWORD),
                orDefault(text(configs, TopicSerdes.REGISTRY_KEYSTORE_TYPE), "PKCS12"),
                text(configs, TopicSerdes.REGISTRY_KEY_PASSWORD),
                Duration.ofMillis(timeout == null ? 10_000 : Long.parseLong(timeout.toString())));
    }

    public boolean usesTls() {
        return urls.stream().anyMatch(url -> url.startsWith("https://"))
                || !truststoreLocation.isEmpty() || !keystoreLocation.isEmpty();
    }

    private static String text(Map<String, ?> configs, String key) {
        Object value = configs.get(key);
        if (value instanceof Password password) {
            return password.value();
        }
        return value == null ? "" : value.toString().trim();
    }

    private static String orDefault(String value, String fallback) {
        return value.isEmpty() ? fallback : value;
    }

    /** Secrets stay out of logs. */
    @Override
    public String toString() {
        return "RegistrySettings[urls=" + urls + ", basicAuth=" + (basicAuthUserInfo.isEmpty() ? "none" : "[hidden]")
                + ", truststore=" + truststoreLocation + ", keystore=" + keystoreLocation + "]";
    }
}
