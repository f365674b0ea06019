package dev.rigwatch.app;

import dev.rigwatch.events.kafka.EventProducer;
import dev.rigwatch.ingest.IngestSettings;
import dev.rigwatch.ingest.backfill.Backfill;
import dev.rigwatch.ingest.exchange.Exchange;
import dev.rigwatch.ingest.exchange.ExchangeAdapter;
import dev.rigwatch.ingest.http.SourceHttpClient;
import dev.rigwatch.ingest.exchange.InstrumentCatalogue;
import dev.rigwatch.ingest.exchange.InstrumentRegistry;
import dev.rigwatch.ingest.resilience.HostRateLimiter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import okhttp3.OkHttpClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code rigwatch backfill}: an exchange's history of one symbol, loaded into Kafka. */
@Command(name = "backfill", mixinStandardHelpOptions = true,
        header = "Load an exchange's candle history of one symbol into Kafka.",
        description = {"Load an exchange's history of one symbol into Kafka: its own OHLCV candles",
                "for every window of [--from, --to), into crypto.ohlc; or, with --into ticks,",
                "one synthetic tick per candle (its close, at the window end) into crypto.ticks,",
                "for the streams stage to replay. Prints a progress line per chunk (the windows",
                "of one request). Failed requests are asked again; if the backfill stops anyway,",
                "what it wrote stays written."})
final class BackfillCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--exchange", required = true, paramLabel = "ID",
            description = "The exchange: coinbase, kraken, binance or bitstamp.")
    String exchange;

    @Option(names = "--symbol", required = true, paramLabel = "SYMBOL",
            description = "The symbol with its quote, e.g. BTC-USD (BTC-USDT on Binance: USDT is not USD).")
    String symbol;

    @Option(names = "--from", required = true, paramLabel = "TIME", converter = InstantConverter.class,
            description = "Start of the first window: an ISO-8601 instant (2026-11-01T12:00:00Z) or a date (2026-11-01, 00:00 UTC).")
    Instant from;

    @Option(names = "--to", paramLabel = "TIME", converter = InstantConverter.class, defaultValue = "now",
            description = "End, exclusive, written like --from; a time after now is cut at now: an open window is not history yet.")
    Instant to;

    @Option(names = "--interval", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "1m",
            description = "Candle length, as the exchange offers it: 1m, 5m, 15m, 1h, 1d, ...")
    Duration interval;

    @Option(names = "--into", paramLabel = "candles|ticks", converter = TargetConverter.class, defaultValue = "candles",
            description = "candles: the exchange's candles, with volume, to crypto.ohlc; "
                    + "ticks: one tick per candle to crypto.ticks (synthetic: no trade id, bid, ask or volume).")
    Backfill.Target into;

    @Option(names = "--url", paramLabel = "URL",
            description = "Base URL of the exchange's API: a proxy, or the simulator's (default: the exchange's public API, e.g. "
                    + Exchange.KRAKEN_URL + ").")
    String url;

    @Override
    public Integer call() {
        Exchange source = Exchange.of(exchange.trim().toLowerCase(Locale.ROOT));
        String normalised = symbol.trim().toUpperCase(Locale.ROOT);
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("--from " + from + " is not before --to " + to);
        }
        String baseUrl = url == null ? source.defaultBaseUrl() : url;
        Backfill.Request request = new Backfill.Request(normalised, from, to, interval, into);
        IngestSettings timeouts = IngestSettings.defaults();
        Clock clock = Clock.systemUTC();
        // sequential requests, but a backfill is many of them: keep to the exchange's rate limit like ingest does
        OkHttpClient http = new OkHttpClient.Builder()
                .addInterceptor(HostRateLimiter.forExchanges(timeouts.requestTimeout(), new SimpleMeterRegistry()))
                .build();
        SourceHttpClient sourceHttp = new SourceHttpClient(http, timeouts.connectTimeout(), timeouts.readTimeout(), clock);
        try {
            // the exchange's own listing, as ingest reads it, so any pair it lists can be backfilled (the bundled
            // snapshot when the listing cannot be read)
            InstrumentRegistry instruments = InstrumentCatalogue.load(sourceHttp,
                    List.of(new InstrumentCatalogue.Source(source, baseUrl)), InstrumentCatalogue.Settings.defaults(),
                    new SimpleMeterRegistry()).current();
            instruments.requireListed(source.id(), List.of(normalised));
            return run(source.adapter(sourceHttp, baseUrl, instruments), request, baseUrl, clock);
        } finally {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    private int run(ExchangeAdapter adapter, Backfill.Request request, String baseUrl, Clock clock) {
        try (Shutdown shutdown = Shutdown.onSignal();
             EventProducer producer = new EventProducer(kafka.bootstrapServers, "rigwatch-backfill")) {
            System.out.println("backfill of " + adapter.exchange() + " " + request.symbol() + " " + Backfill.shortForm(interval)
                    + " from " + from + " to " + to + " at " + baseUrl + " into " + into.topic() + " at "
                    + kafka.bootstrapServers + "; Ctrl-C stops it after the current chunk");
            long started = System.nanoTime();
            Backfill.Summary summary = new Backfill(adapter, producer, clock).run(request, progress -> {
                System.out.println(progressLine(progress, Duration.ofNanos(System.nanoTime() - started)));
                if (shutdown.requested()) {
                    throw new CancellationException("stopped on request after the chunk ending " + progress.chunkTo()
                            + "; the " + progress.candlesSoFar() + " records written stay written");
                }
            });
            System.out.println(summaryLine(summary));
        }
        return 0;
    }

    static String progressLine(Backfill.Progress progress, Duration elapsed) {
        double seconds = Math.max(elapsed.toNanos() / 1e9, 1e-3);
        return String.format(Locale.ROOT, "[%5.1f%%] %s to %s: %d candles so far (%d of %d windows), %.0f candles/s",
                progress.percent(), progress.chunkFrom(), progress.chunkTo(), progress.candlesSoFar(),
                progress.windowsSoFar(), progress.totalWindowsExpected(), progress.candlesSoFar() / seconds);
    }

    static String summaryLine(Backfill.Summary summary) {
        long missing = summary.windowsExpected() - summary.candlesWritten();
        return String.format(Locale.ROOT, "backfill done: %d of %d windows of %s %s %s written to %s%s in %s, %s, %.1f s%s",
                summary.candlesWritten(), summary.windowsExpected(), summary.exchange(), summary.symbol(),
                Backfill.shortForm(summary.interval()), summary.target().topic(),
                summary.firstWindow() == null ? ""
                        : " (windows from " + summary.firstWindow() + " to " + summary.lastWindow() + ")",
                count(summary.chunks(), "chunk"), count(summary.retries(), "retry", "retries"),
                summary.duration().toMillis() / 1000.0,
                missing == 0 ? "" : "; the exchange has no candle for the other " + missing
                        + " (no trades in them, or outside the history it keeps)");
    }

    private static String count(long n, String one) {
        return count(n, one, one + "s");
    }

    private static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    /** {@code candles} or {@code ticks}. */
    static final class TargetConverter implements ITypeConverter<Backfill.Target> {
        @Override
        public Backfill.Target convert(String value) {
            try {
                return Backfill.Target.of(value.trim().toLowerCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
