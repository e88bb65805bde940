package dev.newsflow.testkit;

import org.testcontainers.utility.DockerImageName;

/** Every container image the tests use, pinned in one place: Kafka at the clients' version (docker-compose.yml pins the same tag). */
public final class DockerImages {
    public static final DockerImageName KAFKA = DockerImageName.parse("apache/kafka:4.4.0");

    private DockerImages() {
    }
}
