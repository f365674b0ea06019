package dev.rigwatch.ops.history;

import dev.rigwatch.ingest.listing.MsrpFloor;
import dev.rigwatch.ingest.listing.UsdRates;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How {@link HistoryImport} reads a file.
 *
 * @param format         the file's format, or null to {@link FileFormat#detect detect} it from the first line
 * @param symbol         OHLCV: the symbol of rows that name none (no {@code symbol} column, or a blank one), e.g.
 *                       {@code BTC-USD}; null when the file names it
 * @param exchange       OHLCV: the exchange of rows that name none; the key is {@code exchange:SYMBOL}
 * @param interval       OHLCV: the candle length, or null to infer it (the most common gap between consecutive
 *                       timestamps)
 * @param topic          events: the topic of every line, or null to tell each line's topic from it
 * @param feed           listings: the feed name; listings get the source {@code feed-<feed>} as the operator feed
 *                       of that name would give them
 * @param usdRates       listings: converts their prices to USD, as ingest does
 * @param msrpFloor      listings: those priced below this share of their model's launch MSRP are rejected, as ingest
 *                       rejects them
 * @param progressEvery  the progress listener is called every this many rows
 * @param reportedRejects how many bad rows the summary lists (all are counted and written to {@code ingest.rejects})
 */
public record ImportOptions(FileFormat format, String symbol, String exchange, Duration interval, String topic,
                            String feed, UsdRates usdRates, MsrpFloor msrpFloor, int progressEvery,
                            int reportedRejects) {

    /** Candles of a file that names no exchange are keyed {@code import:SYMBOL}: imported, from no known exchange. */
    public static final String DEFAULT_EXCHANGE = "import";
    public static final String DEFAULT_FEED = "import";
    public static final int DEFAULT_PROGRESS_EVERY = 10_000;
    public static final int DEFAULT_REPORTED_REJECTS = 20;
    private static final Pattern EXCHANGE = Pattern.compile("[a-z0-9][a-z0-9-]*");

    public ImportOptions {
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(feed, "feed");
        Objects.requireNonNull(usdRates, "usdRates");
        Objects.requireNonNull(msrpFloor, "msrpFloor");
        if (!EXCHANGE.matcher(exchange).matches()) {
            throw new ImportRefusedException("exchange \"" + exchange + "\" must be lower-case letters, digits and dashes");
        }
        if (interval != null && (interval.isNegative() || interval.isZero())) {
            throw new ImportRefusedException("the interval must be positive, was " + interval);
        }
        if (progressEvery < 1) {
            throw new IllegalArgumentException("progressEvery must be at least 1, was " + progressEvery);
        }
        if (reportedRejects < 0) {
            throw new IllegalArgumentException("reportedRejects must not be negative, was " + reportedRejects);
        }
    }

    /** Detect the format, exchange {@value #DEFAULT_EXCHANGE}, feed {@value #DEFAULT_FEED}, default USD rates. */
    public static ImportOptions defaults() {
        return new ImportOptions(null, null, DEFAULT_EXCHANGE, null, null, DEFAULT_FEED, UsdRates.defaults(),
                MsrpFloor.defaults(), DEFAULT_PROGRESS_EVERY, DEFAULT_REPORTED_REJECTS);
    }

    public ImportOptions withFormat(FileFormat value) {
        return new ImportOptions(value, symbol, exchange, interval, topic, feed, usdRates, msrpFloor, progressEvery,
                reportedRejects);
    }

    public ImportOptions withSymbol(String value) {
        return new ImportOptions(format, value, exchange, interval, topic, feed, usdRates, msrpFloor, progressEvery,
                reportedRejects);
    }

    public ImportOptions withExchange(String value) {
        return new ImportOptions(format, symbol, value, interval, topic, feed, usdRates, msrpFloor, progressEvery,
                reportedRejects);
    }

    public ImportOptions withInterval(Duration value) {
        return new ImportOptions(format, symbol, exchange, value, topic, feed, usdRates, msrpFloor, progressEvery,
                reportedRejects);
    }

    public ImportOptions withTopic(String value) {
        return new ImportOptions(format, symbol, exchange, interval, value, feed, usdRates, msrpFloor, progressEvery,
                reportedRejects);
    }

    public ImportOptions withFeed(String value) {
        return new ImportOptions(format, symbol, exchange, interval, topic, value, usdRates, msrpFloor, progressEvery,
                reportedRejects);
    }

    public ImportOptions withUsdRates(UsdRates value) {
        return new ImportOptions(format, symbol, exchange, interval, topic, feed, value, msrpFloor, progressEvery,
                reportedRejects);
    }

    public ImportOptions withProgressEvery(int value) {
        return new ImportOptions(format, symbol, exchange, interval, topic, feed, usdRates, msrpFloor, value,
                reportedRejects);
    }

    public ImportOptions withMsrpFloor(MsrpFloor value) {
        return new ImportOptions(format, symbol, exchange, interval, topic, feed, usdRates, value, progressEvery,
                reportedRejects);
    }
}
