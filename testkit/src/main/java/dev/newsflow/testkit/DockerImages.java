package dev.newsflow.testkit;

import org.testcontainers.utility.DockerImageName;

/** Every container image the tests use, pinned in one place: Kafka at the clients' version (docker-compose.yml pins the same tag). */
public final class DockerImages {
    public static final DockerImageName KAFKA = DockerImageName.parse("apache/kafka:4.4.0");
    /** The schema registry of docker-compose.yml: the version the tests start from Maven (apicurio-registry.version). */
    public static final DockerImageName SCHEMA_REGISTRY = DockerImageName.parse("apicurio/apicurio-registry-mem:2.6.13.Final");

    private DockerImages() {
    }
}
