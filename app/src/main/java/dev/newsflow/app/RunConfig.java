package dev.newsflow.app;

import dev.newsflow.config.StageConfig;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/** Typed configuration of {@code ./newsflow run} itself (the stages it runs have their own). */
final class RunConfig extends StageConfig {
    static final String ONCE_TIMEOUT_MS = "once.timeout.ms";

    static final ConfigDef DEFINITION = withLogLevel(new ConfigDef())
            .define(ONCE_TIMEOUT_MS, Type.LONG, Duration.ofMinutes(10).toMillis(), Range.atLeast(1), Importance.MEDIUM,
                    "With --once: how long run waits for every input to be stored or dead-lettered before it gives up "
                            + "(exit code 4); flag --timeout. Without --once run never exits on its own.");

    RunConfig(Map<String, ?> values) {
        super("run", DEFINITION, values);
    }

    Duration onceTimeout() {
        return Duration.ofMillis(getLong(ONCE_TIMEOUT_MS));
    }
}
