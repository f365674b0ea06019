package dev.rigwatch.app;

import dev.rigwatch.ingest.ExchangeSettings;
import dev.rigwatch.ingest.IngestSettings;
import dev.rigwatch.ingest.IngestStage;
import dev.rigwatch.ingest.exchange.Exchange;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rigwatch ingest}: the ingest stage alone. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Run the ingest stage: poll the Coinbase Exchange ticker and write crypto.ticks;",
                "failed polls go to ingest.rejects. Prints a progress line every --progress interval."})
final class IngestCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--coinbase-url", paramLabel = "URL", defaultValue = "${env:RIGWATCH_COINBASE_URL:-" + Exchange.COINBASE_URL + "}",
            description = "Coinbase Exchange base URL, e.g. the simulator's (env RIGWATCH_COINBASE_URL; default ${DEFAULT-VALUE}).")
    String coinbaseUrl;

    @Option(names = "--products", paramLabel = "ID,...", split = ",", defaultValue = "${env:RIGWATCH_COINBASE_PRODUCTS:-BTC-USD,ETH-USD}",
            description = "Coinbase product ids to poll (env RIGWATCH_COINBASE_PRODUCTS; default ${DEFAULT-VALUE}).")
    List<String> products;

    @Option(names = "--interval", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "${env:RIGWATCH_POLL_INTERVAL:-1s}",
            description = "Pause between two polls of one product (env RIGWATCH_POLL_INTERVAL; default ${DEFAULT-VALUE}; Coinbase allows about 10 requests/s per IP).")
    Duration interval;

    @Option(names = "--progress", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "10s",
            description = "How often to print a progress line (default ${DEFAULT-VALUE}).")
    Duration progress;

    @Override
    public Integer call() {
        IngestSettings settings = IngestSettings.defaults().withExchanges(List.of(ExchangeSettings.defaults("coinbase")
                .withBaseUrl(coinbaseUrl).withSymbols(products).withInterval(interval)));
        try (Shutdown shutdown = Shutdown.onSignal();
             IngestStage stage = IngestStage.start(kafka.bootstrapServers, settings, new SimpleMeterRegistry(), Clock.systemUTC())) {
            System.out.println("ingest polling " + products + " at " + coinbaseUrl + " every "
                    + interval.toMillis() + " ms into " + kafka.bootstrapServers + "; Ctrl-C stops it");
            while (!shutdown.await(progress)) {
                System.out.println("ingest: " + stage.stats());
            }
            System.out.println("stopping ingest; flushing accepted ticks");
        }
        return 0;
    }
}
