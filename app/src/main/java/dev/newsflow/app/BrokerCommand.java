package dev.newsflow.app;

import dev.newsflow.broker.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./newsflow broker}: a local single-node Kafka for development and scripts. */
@Command(name = "broker", mixinStandardHelpOptions = true,
        description = "Start the embedded single-node KRaft broker on 127.0.0.1 and print its bootstrap address; stop with Ctrl-C.")
final class BrokerCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "9092", description = "Client port on 127.0.0.1 (0 picks a free one; default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data-dir", defaultValue = ".newsflow/broker",
            description = "Where the broker keeps its logs; kept across restarts (default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Override
    public Integer call() throws InterruptedException {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().port(port).dataDir(dataDir).build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "broker-shutdown"));
        broker.start();
        System.out.println(broker.bootstrapServers());
        System.out.flush();
        System.err.println("Kafka broker running at " + broker.bootstrapServers() + " (data in " + broker.dataDir()
                + "); Ctrl-C stops it.");
        stopped.await();
        return 0;
    }
}
