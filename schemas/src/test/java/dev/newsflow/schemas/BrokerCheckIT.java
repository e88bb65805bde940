package dev.newsflow.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.newsflow.testkit.KafkaBrokerExtension;
import dev.newsflow.testkit.KafkaTestBroker;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
@Timeout(60)
class BrokerCheckIT {

    @Test
    void shouldReturnQuicklyWhenTheBrokerAnswers(KafkaTestBroker broker) {
        long start = System.nanoTime();

        BrokerCheck.await(Map.of("bootstrap.servers", broker.bootstrapServers()), Duration.ofSeconds(15));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void shouldAcceptTheBrokerWhenAnotherBootstrapAddressIsDown(KafkaTestBroker broker) throws Exception {
        String list = "127.0.0.1:" + BrokerCheckTest.closedPort() + "," + broker.bootstrapServers();

        assertThatCode(() -> BrokerCheck.await(Map.of("bootstrap.servers", list), Duration.ofSeconds(15)))
                .doesNotThrowAnyException();
    }
}
