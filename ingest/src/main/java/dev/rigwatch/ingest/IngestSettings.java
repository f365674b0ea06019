package dev.rigwatch.ingest;

import dev.rigwatch.ingest.exchange.Exchange;
import dev.rigwatch.ingest.exchange.InstrumentCatalogue;
import dev.rigwatch.ingest.resilience.TickValidator;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.function.Function;
import java.util.Objects;
import okhttp3.HttpUrl;

/**
 * What an ingest worker polls and how.
 *
 * @param exchanges      one entry per exchange polled (none for a worker that polls only listings)
 * @param listings       the used-GPU listing sources polled
 * @param connectTimeout how long to wait for a connection, for every exchange
 * @param readTimeout    how long to wait for each read of a response, for every exchange
 * @param staleAfter     a symbol without a good tick for this long has a gap (default 60 s: a dozen missed polls
 *                       at the default intervals, so one slow response is not a gap)
 * @param validation     the checks a tick must pass before it is produced
 * @param instruments    the override file on top of the exchanges' instrument listings, and how often they are
 *                       read again
 */
public record IngestSettings(
        List<ExchangeSettings> exchanges,
        ListingSettings listings,
        Duration connectTimeout,
        Duration readTimeout,
        Duration staleAfter,
        TickValidator.Settings validation,
        InstrumentCatalogue.Settings instruments) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_STALE_AFTER = Duration.ofSeconds(60);

    public IngestSettings {
        Objects.requireNonNull(exchanges, "exchanges");
        exchanges = List.copyOf(exchanges);
        Objects.requireNonNull(listings, "listings");
        if (exchanges.isEmpty() && !listings.any()) {
            throw new IllegalArgumentException("nothing to poll: no exchange and no listing source");
        }
        List<String> ids = exchanges.stream().map(ExchangeSettings::exchange).toList();
        if (new HashSet<>(ids).size() != ids.size()) {
            throw new IllegalArgumentException("exchanges are listed more than once: " + ids);
        }
        requirePositive("connect timeout", connectTimeout);
        requirePositive("read timeout", readTimeout);
        requirePositive("stale after", staleAfter);
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(instruments, "instruments");
    }

    /**
     * Every exchange rigwatch reads, each with its {@link ExchangeSettings#defaults defaults}, and no listing source;
     * timeouts 5 s connect and 10 s read.
     */
    public static IngestSettings defaults() {
        return new IngestSettings(Arrays.stream(Exchange.values()).map(e -> ExchangeSettings.defaults(e.id())).toList(),
                ListingSettings.none(), DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT, DEFAULT_STALE_AFTER, TickValidator.Settings.defaults(),
                InstrumentCatalogue.Settings.defaults());
    }

    public IngestSettings withExchanges(List<ExchangeSettings> polled) {
        return new IngestSettings(polled, listings, connectTimeout, readTimeout, staleAfter, validation, instruments);
    }

    /**
     * Every exchange and listing marketplace at one base URL: the simulator's, which serves all their APIs side by
     * side (their paths do not overlap). Operator feeds keep their own locations.
     */
    public IngestSettings withBaseUrl(String url) {
        return withExchanges(exchanges.stream().map(e -> e.withBaseUrl(url)).toList())
                .withListings(listings.withBaseUrl(HttpUrl.get(url)));
    }

    /**
     * Every exchange's ticks over {@code transport} of its id, its WebSocket at {@code wsUrl} of its id (the
     * simulator's, in the demo; null for the exchange's public one).
     */
    public IngestSettings withTransports(Function<String, ExchangeSettings.Transport> transport,
                                         Function<String, String> wsUrl) {
        return withExchanges(exchanges.stream()
                .map(e -> e.withTransport(transport.apply(e.exchange()), wsUrl.apply(e.exchange()))).toList());
    }

    /**
     * Every exchange polled at one interval: for the simulator, which has no rate limits. Real exchanges need
     * their own ({@link ExchangeSettings#defaults}).
     */
    public IngestSettings withInterval(Duration pause) {
        return withExchanges(exchanges.stream().map(e -> e.withInterval(pause)).toList());
    }

    public IngestSettings withListings(ListingSettings sources) {
        return new IngestSettings(exchanges, sources, connectTimeout, readTimeout, staleAfter, validation, instruments);
    }

    public IngestSettings withTimeouts(Duration connect, Duration read) {
        return new IngestSettings(exchanges, listings, connect, read, staleAfter, validation, instruments);
    }

    public IngestSettings withStaleAfter(Duration stale) {
        return new IngestSettings(exchanges, listings, connectTimeout, readTimeout, stale, validation, instruments);
    }

    public IngestSettings withValidation(TickValidator.Settings checks) {
        return new IngestSettings(exchanges, listings, connectTimeout, readTimeout, staleAfter, checks, instruments);
    }

    public IngestSettings withInstruments(InstrumentCatalogue.Settings catalogue) {
        return new IngestSettings(exchanges, listings, connectTimeout, readTimeout, staleAfter, validation, catalogue);
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
