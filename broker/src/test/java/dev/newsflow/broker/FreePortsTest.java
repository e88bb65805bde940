package dev.newsflow.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @RepeatedTest(50)
    void portsChosenInOneGoAreNeverTheSame() {
        Set<Integer> chosen = new HashSet<>();
        try (EmbeddedKafkaBroker.FreePorts free = new EmbeddedKafkaBroker.FreePorts()) {
            for (int i = 0; i < 3; i++) {
                assertThat(chosen.add(free.next())).as("port %d chosen twice in %s", i, chosen).isTrue();
            }
        }
    }

    @Test
    void anExcludedPortIsNeverChosen() {
        int first;
        try (EmbeddedKafkaBroker.FreePorts probe = new EmbeddedKafkaBroker.FreePorts()) {
            first = probe.next();
        }
        try (EmbeddedKafkaBroker.FreePorts free = new EmbeddedKafkaBroker.FreePorts()) {
            free.exclude(first);
            for (int i = 0; i < 20; i++) {
                assertThat(free.next()).isNotEqualTo(first);
            }
        }
    }
}
