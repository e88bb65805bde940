package dev.newsflow.enrich.engine;

import java.nio.file.Path;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Settings of the enrichment engine. The keys can be added to a stage's {@link ConfigDef}
 * with {@link #define(ConfigDef)} and read back with {@link #from(AbstractConfig)}.
 *
 * @param maxChars        longest text accepted; longer ones fail with DocumentTooLargeException
 * @param chunkChars      longest piece of text handed to the tagger at once
 * @param defaultLanguage language assumed when a text is too short to identify
 * @param aliasesFile     extra alias table (TSV), or null
 */
public record EngineSettings(int maxChars, int chunkChars, String defaultLanguage, Path aliasesFile) {
    public static final String MAX_CHARS = dev.newsflow.config.ArticleLimit.ENRICH_KEY;
    public static final String CHUNK_CHARS = "engine.chunk.chars";
    public static final String DEFAULT_LANGUAGE = "engine.default.language";
    public static final String ALIASES_FILE = "engine.aliases.file";

    public static final int DEFAULT_MAX_CHARS = dev.newsflow.config.ArticleLimit.DEFAULT_MAX_CHARS;
    public static final int DEFAULT_CHUNK_CHARS = 20_000;

    public EngineSettings {
        if (maxChars < 1) {
            throw new IllegalArgumentException(MAX_CHARS + " must be positive, got " + maxChars);
        }
        if (chunkChars < 100) {
            throw new IllegalArgumentException(CHUNK_CHARS + " must be at least 100, got " + chunkChars);
        }
        defaultLanguage = defaultLanguage == null || defaultLanguage.isBlank() ? "en" : defaultLanguage;
    }

    public static EngineSettings defaults() {
        return new EngineSettings(DEFAULT_MAX_CHARS, DEFAULT_CHUNK_CHARS, "en", null);
    }

    public EngineSettings withMaxChars(int max) {
        return new EngineSettings(max, chunkChars, defaultLanguage, aliasesFile);
    }

    public EngineSettings withChunkChars(int chunk) {
        return new EngineSettings(maxChars, chunk, defaultLanguage, aliasesFile);
    }

    public EngineSettings withAliasesFile(Path file) {
        return new EngineSettings(maxChars, chunkChars, defaultLanguage, file);
    }

    /** Adds the engine's keys to a stage's definition and returns it. */
    public static ConfigDef define(ConfigDef def) {
        return def
                .define(MAX_CHARS, ConfigDef.Type.INT, DEFAULT_MAX_CHARS, ConfigDef.Range.atLeast(1), ConfigDef.Importance.MEDIUM,
                        "Longest article text (characters) the engine accepts; longer ones go to the dead-letter topic.")
                .define(CHUNK_CHARS, ConfigDef.Type.INT, DEFAULT_CHUNK_CHARS, ConfigDef.Range.atLeast(100), ConfigDef.Importance.LOW,
                        "Longest piece of text tagged at once; longer texts are cut at paragraph or sentence breaks.")
                .define(DEFAULT_LANGUAGE, ConfigDef.Type.STRING, "en", ConfigDef.Importance.LOW,
                        "Language assumed for texts too short to identify (ISO 639-1). Only English is tagged.")
                .define(ALIASES_FILE, ConfigDef.Type.STRING, "", ConfigDef.Importance.LOW,
                        "Extra alias table (TSV: canonical, type, full forms, short forms, demonyms) added to the built-in one; empty for none.");
    }

    /** The engine's keys alone. */
    public static ConfigDef configDef() {
        return define(new ConfigDef());
    }

    public static EngineSettings from(AbstractConfig config) {
        String aliases = config.getString(ALIASES_FILE);
        return new EngineSettings(config.getInt(MAX_CHARS), config.getInt(CHUNK_CHARS), config.getString(DEFAULT_LANGUAGE),
                aliases == null || aliases.isBlank() ? null : Path.of(aliases));
    }
}
