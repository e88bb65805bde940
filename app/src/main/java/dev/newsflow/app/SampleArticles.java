package dev.newsflow.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** The sample articles bundled in the jar, written out to a directory that ingest reads. */
final class SampleArticles {
    private static final String ROOT = "/dev/newsflow/app/samples/";

    private SampleArticles() {
    }

    static List<String> names() {
        try (InputStream index = SampleArticles.class.getResourceAsStream(ROOT + "index.txt")) {
            if (index == null) {
                throw new IllegalStateException("the sample index " + ROOT + "index.txt is missing from the jar");
            }
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(index, StandardCharsets.UTF_8))) {
                return reader.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies every sample into {@code dir} (same bytes each time, so ingest's dedup sees no change). */
    static Path writeTo(Path dir) {
        try {
            Files.createDirectories(dir);
            for (String name : names()) {
                try (InputStream in = SampleArticles.class.getResourceAsStream(ROOT + name)) {
                    if (in == null) {
                        throw new IllegalStateException("sample " + name + " is listed but missing from the jar");
                    }
                    Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the sample articles to " + dir, e);
        }
    }
}
