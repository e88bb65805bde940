package dev.newsflow.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The one metrics registry of a NewsFlow process: Prometheus, with Micrometer's JVM binders
 * (memory, GC, threads, class loading) and process binders (CPU, uptime, open files) bound, so
 * every stage's {@code /metrics} carries {@code jvm_*} and {@code process_*} series beside its own.
 */
public final class StageMetrics {
    private StageMetrics() {
    }

    /** A new Prometheus registry with the JVM and process metrics bound. */
    public static PrometheusMeterRegistry prometheus() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        bindJvmAndProcess(registry);
        return registry;
    }

    /** Binds the JVM and process metrics to {@code registry}. */
    @SuppressWarnings("resource") // JvmGcMetrics listens for the life of the process, as the registry does
    public static void bindJvmAndProcess(MeterRegistry registry) {
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    /** The Prometheus text of {@code registry}, or an empty page when it is not a Prometheus registry. */
    public static String scrape(MeterRegistry registry) {
        return registry instanceof PrometheusMeterRegistry prometheus ? prometheus.scrape() : "";
    }
}
