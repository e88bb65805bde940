package dev.newsflow.runtime;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.util.List;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Applies the one log level setting ({@code log.level}, {@code --log-level},
 * {@code NEWSFLOW_LOG_LEVEL}): NewsFlow's own loggers at that level; Kafka and the other
 * libraries at ERROR, or WARN when NewsFlow's level is DEBUG or TRACE (their routine warnings,
 * such as metadata not yet available while topics are created, are noise in normal runs).
 */
public final class LogLevels {
    /** Loggers of the libraries kept quiet by default. */
    static final List<String> LIBRARIES = List.of("org.apache.kafka", "kafka", "state.change.logger", "io.javalin",
            "org.eclipse.jetty", "edu.stanford.nlp");

    private LogLevels() {
    }

    /** Sets the levels; does nothing when the logging backend is not logback (tests with another binding). */
    public static void apply(String level) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context)) {
            return;
        }
        Level own = Level.toLevel(level, Level.INFO);
        context.getLogger("dev.newsflow").setLevel(own);
        Level libraries = own.isGreaterOrEqual(Level.INFO) ? Level.ERROR : Level.WARN;
        for (String name : LIBRARIES) {
            Logger logger = context.getLogger(name);
            logger.setLevel(libraries);
        }
    }
}
