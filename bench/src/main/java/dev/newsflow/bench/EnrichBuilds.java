package dev.newsflow.bench;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Other builds of enrich's topology beside this one in a harness's JVM, so that a change is
 * measured before and after in one run. An other build is its {@code enrich/target/classes}
 * directory; its {@code topology} and {@code dedup} packages and enrich's own Avro records are
 * loaded from there (child first), everything else (the engine, the schemas) from this build,
 * so those must be compatible with that build's.
 */
final class EnrichBuilds {
    /** The system property that names them: {@code label=classes-dir[,label=classes-dir...]}. */
    static final String PROPERTY = "other.builds";
    private static final List<String> OWN_PACKAGES = List.of("dev.newsflow.enrich.topology.", "dev.newsflow.enrich.dedup.",
            "dev.newsflow.enrich.avro.");

    private EnrichBuilds() {
    }

    /** Label to class loader of each build named by {@link #PROPERTY}, in the order given. */
    static Map<String, ClassLoader> fromProperty() {
        Map<String, ClassLoader> builds = new LinkedHashMap<>();
        for (String entry : System.getProperty(PROPERTY, "").split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException(PROPERTY + ": expected label=classes-dir, got " + entry);
            }
            Path dir = Path.of(entry.substring(eq + 1));
            if (!Files.isDirectory(dir.resolve("dev/newsflow/enrich/topology"))) {
                throw new IllegalArgumentException(PROPERTY + ": no enrich topology classes under " + dir);
            }
            builds.put(entry.substring(0, eq), childFirst(dir));
        }
        return builds;
    }

    private static ClassLoader childFirst(Path dir) {
        try {
            return new URLClassLoader(new URL[] {dir.toUri().toURL()}, EnrichBuilds.class.getClassLoader()) {
                @Override
                protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                    synchronized (getClassLoadingLock(name)) {
                        if (OWN_PACKAGES.stream().noneMatch(name::startsWith)) {
                            return super.loadClass(name, resolve);
                        }
                        Class<?> loaded = findLoadedClass(name);
                        return loaded != null ? loaded : findClass(name);
                    }
                }
            };
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Calls a method without arguments, rethrowing what it throws unchecked. */
    static Object call(java.lang.reflect.Method method, Object target) {
        try {
            return method.invoke(target);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(method + ": " + e, e);
        }
    }
}
