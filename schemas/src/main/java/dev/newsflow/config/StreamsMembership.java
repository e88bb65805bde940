package dev.newsflow.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * Static group membership for a Kafka Streams application, with its id kept in the state
 * directory so a restarted instance (after a crash too) comes back as the same member.
 *
 * <p>A dynamic member that dies without leaving stays in its group until its session times
 * out (45 s by default); the group coordinator then waits for it before any rebalance can
 * finish, so a restarted instance sat in {@code REBALANCING} for that long. A static member
 * that rejoins with its {@code group.instance.id} replaces its dead predecessor at once. The
 * id is as unique as the state directory (which Kafka Streams already locks against a second
 * instance), and Streams appends the thread index for each stream thread's consumer.
 */
public final class StreamsMembership {
    /** File under {@code <state.dir>/<application.id>/} that holds the instance id. */
    public static final String FILE = "newsflow-group-instance-id";

    private StreamsMembership() {
    }

    /**
     * The {@code group.instance.id} recorded for this application in {@code stateDir}, created
     * on first use (a {@code group.instance.id} in the user's client settings wins over it).
     */
    public static String groupInstanceId(Path stateDir, String applicationId) {
        Path dir = stateDir.resolve(applicationId);
        Path file = dir.resolve(FILE);
        try {
            if (Files.exists(file)) {
                String kept = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (!kept.isEmpty()) {
                    return kept;
                }
            }
            Files.createDirectories(dir);
            String id = applicationId + "-" + UUID.randomUUID();
            Path tmp = dir.resolve(FILE + ".tmp");
            Files.writeString(tmp, id + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the group instance id in " + file + ": " + e.getMessage(), e);
        }
    }
}
