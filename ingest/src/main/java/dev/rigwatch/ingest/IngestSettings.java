package dev.rigwatch.ingest;

import dev.rigwatch.ingest.exchange.Exchange;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * What an ingest worker polls and how.
 *
 * @param exchanges      one entry per exchange polled
 * @param connectTimeout how long to wait for a connection, for every exchange
 * @param readTimeout    how long to wait for each read of a response, for every exchange
 */
public record IngestSettings(
        List<ExchangeSettings> exchanges,
        Duration connectTimeout,
        Duration readTimeout) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);

    public IngestSettings {
        Objects.requireNonNull(exchanges, "exchanges");
        exchanges = List.copyOf(exchanges);
        if (exchanges.isEmpty()) {
            throw new IllegalArgumentException("at least one exchange is needed");
        }
        List<String> ids = exchanges.stream().map(ExchangeSettings::exchange).toList();
        if (new HashSet<>(ids).size() != ids.size()) {
            throw new IllegalArgumentException("exchanges are listed more than once: " + ids);
        }
        requirePositive("connect timeout", connectTimeout);
        requirePositive("read timeout", readTimeout);
    }

    /** Every exchange rigwatch reads, each with its {@link ExchangeSettings#defaults defaults}; timeouts 5 s connect and 10 s read. */
    public static IngestSettings defaults() {
        return new IngestSettings(Arrays.stream(Exchange.values()).map(e -> ExchangeSettings.defaults(e.id())).toList(),
                DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT);
    }

    public IngestSettings withExchanges(List<ExchangeSettings> polled) {
        return new IngestSettings(polled, connectTimeout, readTimeout);
    }

    /**
     * Every exchange at one base URL: the simulator's, which serves all four exchanges' APIs side by side (their
     * paths do not overlap).
     */
    public IngestSettings withBaseUrl(String url) {
        return withExchanges(exchanges.stream().map(e -> e.withBaseUrl(url)).toList());
    }

    /**
     * Every exchange polled at one interval: for the simulator, which has no rate limits. Real exchanges need
     * their own ({@link ExchangeSettings#defaults}).
     */
    public IngestSettings withInterval(Duration pause) {
        return withExchanges(exchanges.stream().map(e -> e.withInterval(pause)).toList());
    }

    public IngestSettings withTimeouts(Duration connect, Duration read) {
        return new IngestSettings(exchanges, connect, read);
    }

    /** The longest one request can wait without failing: the connect and read timeouts. */
    public Duration requestTimeout() {
        return connectTimeout.plus(readTimeout);
    }

    static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
