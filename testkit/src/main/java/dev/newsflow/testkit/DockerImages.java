package dev.newsflow.testkit;

import org.testcontainers.utility.DockerImageName;

/** Every container image the tests use, pinned in one place (docker-compose.yml pins the same Kafka tag). */
public final class DockerImages {
    public static final DockerImageName KAFKA = DockerImageName.parse("apache/kafka:4.1.0");

    private DockerImages() {
    }
}
