package dev.rigwatch.ingest.exchange;

import dev.rigwatch.ingest.FailureStreak;
import dev.rigwatch.ingest.FetchResult;
import dev.rigwatch.ingest.http.SourceHttpClient;
import dev.rigwatch.ingest.text.TextFiles;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instruments of the exchanges a worker polls, read from each exchange's own instrument endpoint at start and
 * again every {@link Settings#refreshEvery()}. An exchange whose endpoint fails at start gets the bundled offline
 * snapshot ({@code instruments.csv}), with one WARN and a count on {@code instruments.listing.failed}; a refresh that
 * fails keeps what is known. An operator's override file is applied on top of either. A refresh only adds and
 * updates instruments: a symbol being polled never disappears under its poller (a delisted pair's polls fail with
 * the exchange's own error, counted as rejects).
 */
public final class InstrumentCatalogue implements InstrumentLookup, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InstrumentCatalogue.class);

    /**
     * @param overrideFile a CSV of {@code instruments.csv}'s format applied on top of every listing, or null
     * @param refreshEvery how often the exchanges' listings are read again
     */
    public record Settings(Path overrideFile, Duration refreshEvery) {
        public static final Duration DEFAULT_REFRESH = Duration.ofHours(6);

        public Settings {
            Objects.requireNonNull(refreshEvery, "refreshEvery");
            if (refreshEvery.isNegative() || refreshEvery.isZero()) {
                throw new IllegalArgumentException("instrument refresh must be positive, was " + refreshEvery);
            }
        }

        public static Settings defaults() {
            return new Settings(null, DEFAULT_REFRESH);
        }
    }

    /** Where one exchange's API is: its listing is read there. */
    public record Source(Exchange exchange, String baseUrl) {
    }

    private final SourceHttpClient http;
    private final List<Source> sources;
    private final Settings settings;
    private final InstrumentRegistry override;
    private final MeterRegistry meters;
    private final Map<String, FailureStreak> refreshFailures = new ConcurrentHashMap<>();
    private volatile InstrumentRegistry current;
    private ScheduledExecutorService refresher;

    private InstrumentCatalogue(SourceHttpClient http, List<Source> sources, Settings settings,
                                InstrumentRegistry override, MeterRegistry meters) {
        this.http = http;
        this.sources = List.copyOf(sources);
        this.settings = settings;
        this.override = override;
        this.meters = meters;
    }

    /**
     * Reads every source's listing now (one request each, in turn), falling back to the snapshot for those that
     * fail. A missing or broken override file fails here, naming it.
     */
    public static InstrumentCatalogue load(SourceHttpClient http, List<Source> sources, Settings settings,
                                           MeterRegistry meters) {
        InstrumentCatalogue catalogue = new InstrumentCatalogue(http, sources, settings,
                readOverride(settings.overrideFile()), meters);
        InstrumentRegistry snapshot = InstrumentRegistry.load();
        InstrumentRegistry loaded = InstrumentRegistry.of(List.of());
        for (Source source : sources) {
            String id = source.exchange().id();
            InstrumentRegistry listed = catalogue.fetch(source).orElseGet(() -> snapshot.only(id));
            loaded = loaded.overriddenBy(listed);
        }
        catalogue.current = loaded.overriddenBy(catalogue.override);
        return catalogue;
    }

    /** Reads the listings again every {@link Settings#refreshEvery()}, on a daemon thread, until {@link #close()}. */
    public synchronized void startRefreshing() {
        if (refresher != null) {
            return;
        }
        refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "ingest-instrument-refresh");
            thread.setDaemon(true);
            return thread;
        });
        long every = settings.refreshEvery().toMillis();
        refresher.scheduleWithFixedDelay(this::refresh, every, every, TimeUnit.MILLISECONDS);
    }

    /** One refresh of every source: what a listing reports is added on top, the override file on top of that. */
    void refresh() {
        for (Source source : sources) {
            try {
                fetch(source).ifPresent(listed -> current = current.overriddenBy(listed).overriddenBy(override));
            } catch (RuntimeException e) {
                // an exception would end the refresh schedule: log it and try again next time
                log.error("Unexpected error refreshing the {} instruments; the known ones stay", source.exchange().id(), e);
            }
        }
    }

    /** The instruments known now. */
    public InstrumentRegistry current() {
        return current;
    }

    @Override
    public String requestId(String exchange, String symbol) {
        return current.requestId(exchange, symbol);
    }

    @Override
    public Optional<String> symbolForResponse(String exchange, String responseId) {
        return current.symbolForResponse(exchange, responseId);
    }

    /** The source's listing, or empty (logged once per streak of failures, and counted) when it fails. */
    private Optional<InstrumentRegistry> fetch(Source source) {
        String id = source.exchange().id();
        InstrumentListing listing = source.exchange().instruments();
        HttpUrl url = listing.url(HttpUrl.get(source.baseUrl()));
        FailureStreak failures = refreshFailures.computeIfAbsent(id, e -> new FailureStreak());
        boolean atStart = current == null;
        try {
            InstrumentRegistry listed = InstrumentRegistry.of(http.get(url, (body, received) -> listing.parse(body),
                    listing.errors()));
            FailureStreak.Ended ended = failures.succeeded();
            log.info("{} lists {} instruments ({}){}", id, listed.symbols(id).size(), url,
                    ended.any() ? "; this ends " + ended : "");
            return Optional.of(listed);
        } catch (SourceHttpClient.RequestFailed e) {
            FetchResult.Failure failure = e.failure();
            Counter.builder("instruments.listing.failed")
                    .description("instrument listings that could not be read, by reason")
                    .tag("source", id).tag("reason", failure.reason().code())
                    .register(meters).increment();
            if (failures.failed(failure.reason().code()) != null) {
                log.warn("{} instrument listing failed: {}: {} ({}); {}", id, failure.reason().code(), failure.detail(),
                        failure.url(), atStart
                                ? "using the bundled snapshot " + InstrumentRegistry.RESOURCE + " until a refresh succeeds"
                                : "keeping the instruments known; repeats are counted, and logged when the cause changes or clears");
            }
            return Optional.empty();
        }
    }

    private static InstrumentRegistry readOverride(Path file) {
        if (file == null) {
            return InstrumentRegistry.of(List.of());
        }
        try (BufferedReader reader = TextFiles.open(file)) {
            return InstrumentRegistry.parse(file.toString(), reader.lines().toList());
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException("cannot read the instruments file " + file + ": "
                    + (e instanceof NoSuchFileException ? "no such file" : e.getMessage()));
        }
    }

    @Override
    public synchronized void close() {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }
}
