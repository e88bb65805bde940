package dev.newsflow.config;

import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * The namespace of one NewsFlow deployment on a Kafka cluster. Every name a stage uses on the
 * cluster derives from it: topic names ({@code <deployment>.news.articles.raw}), Kafka Streams
 * application ids ({@code <deployment>.newsflow-enrich}, hence consumer groups, transactional
 * ids, changelog and repartition topics) and, through the application id, the state directory
 * {@code <state.dir>/<application id>/}. Two deployments with different names share nothing on
 * one broker. The default deployment (the empty name) keeps the plain names, so data written
 * before deployments existed stays readable.
 *
 * @param name the deployment name; empty for the default deployment
 */
public record Deployment(String name) {
    /** The configuration key (environment {@code NEWSFLOW_DEPLOYMENT}, flag {@code --deployment}). */
    public static final String KEY = "deployment";
    public static final Deployment DEFAULT = new Deployment("");

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final String DOC = "Name of this deployment on the Kafka cluster: topic names, Streams application ids "
            + "(consumer groups, transactional ids, changelog topics) and state directories are prefixed with the name and a dot "
            + "(eco.news.articles.raw), so deployments with different names share nothing on one broker. Empty = the default deployment "
            + "(plain names). Letters, digits, '-' and '_', at most 64.";

    public Deployment {
        if (!name.isEmpty() && !NAME.matcher(name).matches()) {
            throw new ConfigException(KEY, name, "must be empty or letters, digits, '-' and '_' (at most 64, "
                    + "starting with a letter or digit)");
        }
    }

    /** Adds the {@value #KEY} key to a stage's definition. */
    public static ConfigDef define(ConfigDef definition) {
        return definition.define(KEY, ConfigDef.Type.STRING, "", new ConfigDef.Validator() {
            @Override
            public void ensureValid(String key, Object value) {
                new Deployment(value == null ? "" : value.toString().strip());
            }

            @Override
            public String toString() {
                return "empty, or letters, digits, '-' and '_'";
            }
        }, ConfigDef.Importance.HIGH, DOC);
    }

    public static Deployment of(String name) {
        return name == null ? DEFAULT : new Deployment(name.strip());
    }

    public boolean isDefault() {
        return name.isEmpty();
    }

    /** What goes before every name this deployment uses on the cluster: {@code "<name>."}, or nothing by default. */
    public String prefix() {
        return isDefault() ? "" : name + ".";
    }

    /** The topic prefix of this deployment, before a stage's own {@code topic.prefix}. */
    public String topicPrefix(String topicPrefix) {
        return prefix() + topicPrefix;
    }

    /** The Kafka Streams application id of a stage whose configured id is {@code applicationId}. */
    public String applicationId(String applicationId) {
        return prefix() + applicationId;
    }

    @Override
    public String toString() {
        return isDefault() ? "(default)" : name;
    }
}
