package dev.rigwatch.ops.history;

import dev.rigwatch.ingest.text.CsvRecords;
import dev.rigwatch.events.Candle;
import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.events.Topics;
import java.io.IOException;
import dev.rigwatch.ingest.resilience.TickValidator;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An OHLCV CSV file as exchanges and data sites export it: a header row, then one candle per row. Each row becomes
 * the {@link Candle} {@code rigwatch backfill} would write for that window: key {@code exchange:SYMBOL}, window start
 * the row's time (exports stamp a candle with its open time), window end start + interval, record timestamp the
 * window end, ticks 0 (an exchange's own candle).
 *
 * <p>Columns, by name in any case ({@code _}, {@code -} and spaces alike), others ignored ({@code Adj Close},
 * {@code Dividends}, {@code Stock Splits}, {@code Quote asset volume}...):
 * <ul>
 *   <li>the time: the first of {@code unix timestamp}, {@code unix}, {@code timestamp}, {@code open time}, {@code time}, {@code datetime},
 *       {@code date time}, {@code date} (formats: {@link Timestamps});</li>
 *   <li>{@code open}, {@code high}, {@code low}, {@code close}: exact decimals;</li>
 *   <li>{@code volume} or {@code vol} (base currency), else {@code volume <base>} (CryptoDataDownload's
 *       {@code Volume ETH}), optional: null when absent;</li>
 *   <li>{@code symbol} or {@code pair}, optional ({@code BTC-USD}, {@code BTC/USD}, {@code btc_usd}, {@code BTCUSD}), else
 *       {@link ImportOptions#symbol()}; {@code exchange}, optional, else {@link ImportOptions#exchange()}.</li>
 * </ul>
 * A row whose values do not read, or do not make a candle (high below low, open or close outside them, a price not
 * positive, a negative volume), is a bad row.
 */
final class OhlcvFile {

    static final List<String> TIME = List.of("unix timestamp", "unix", "timestamp", "open time", "time", "datetime",
            "date time", "date");
    static final List<String> VOLUME = List.of("volume", "vol");
    static final List<String> SYMBOL = List.of("symbol", "pair");
    static final List<String> EXCHANGE = List.of("exchange");
    private static final Pattern SYMBOL_FORM = Pattern.compile("[A-Z0-9]+-[A-Z0-9]+");
    private static final Pattern RUN_TOGETHER = Pattern.compile("[A-Z0-9]+");
    /**
     * Quote currencies a run-together symbol ({@code ETHUSD}) may end in, longest first so USDT is not USD + T. Not
     * TUSD: Kraken's {@code XBTUSD} would split as XB + TUSD; a TUSD pair is written with its dash.
     */
    private static final List<String> QUOTES = List.of("USDT", "USDC", "BUSD", "USD", "EUR", "GBP", "JPY",
            "AUD", "CAD", "CHF", "DAI", "BTC", "XBT", "ETH");
    private static final Pattern EXCHANGE_FORM = Pattern.compile("[a-z0-9][a-z0-9-]*");

    private final Path file;
    /** The columns, pair and candle length of an exchange's download with no header; null for a file with one. */
    private final ExchangeDump dump;
    /** The symbol of rows that name none, normalised; null when neither the options nor the file name give one. */
    private final String defaultSymbol;
    /** The exchange of rows that name none. */
    private final String defaultExchange;
    /** The candle length given or implied by the file name; null to infer it from the rows' times. */
    private final Duration givenInterval;

    /** A file with a header. */
    OhlcvFile(Path file, ImportOptions options) {
        this(file, options, null);
    }

    OhlcvFile(Path file, ImportOptions options, ExchangeDump dump) {
        this.file = file;
        this.dump = dump;
        try {
            this.defaultSymbol = options.symbol() != null ? symbol(options.symbol()) : dump == null ? null : dump.symbol();
        } catch (IllegalArgumentException e) {
            throw new ImportRefusedException(e.getMessage());
        }
        this.defaultExchange = dump != null && options.exchange().equals(ImportOptions.DEFAULT_EXCHANGE)
                ? dump.exchange() : options.exchange();
        this.givenInterval = options.interval() != null ? options.interval() : dump == null ? null : dump.interval();
    }

    /** The column indexes of the header. */
    private record Columns(Header header, int time, int open, int high, int low, int close, int volume, int symbol,
                           int exchange) {

        static Columns of(Header header) {
            Columns columns = new Columns(header, header.find(TIME), header.find(List.of("open")),
                    header.find(List.of("high")), header.find(List.of("low")), header.find(List.of("close")),
                    header.find(VOLUME), header.find(SYMBOL), header.find(EXCHANGE));
            if (columns.time < 0) {
                throw new ImportRefusedException("the header " + header + " has no time column: name it one of " + TIME);
            }
            if (columns.open < 0 || columns.high < 0 || columns.low < 0 || columns.close < 0) {
                throw new ImportRefusedException("the header " + header + " lacks one of open, high, low, close");
            }
            return columns;
        }
    }

    /** Writes the file's candles; returns the interval used. */
    Duration importTo(RowSink run) throws IOException {
        Columns columns = Columns.of(dump != null ? dump.header() : CsvFile.header(file));
        if (columns.symbol < 0 && defaultSymbol == null) {
            throw new ImportRefusedException((dump != null ? "the file name " + file.getFileName() + " does not say the "
                    + "pair" : "the file has no symbol column (" + SYMBOL + ")") + ": give the symbol, e.g. --symbol ETH-USD");
        }
        Times times = scanTimes(columns);
        Duration interval = givenInterval != null ? givenInterval : times.interval();
        // a file newest first (or shuffled) is written oldest first, held in memory; one in order streams
        TimeOrderedSink sorted = times.ordered() ? null : new TimeOrderedSink(run);
        RowSink sink = sorted == null ? run : sorted;
        CsvFile.rows(file, dump == null, record -> {
            if (record.error() != null) {
                sink.rejected(new BadRow(record.line(), BadRow.MALFORMED, record.error(), record.raw()));
                return;
            }
            try {
                Candle candle = candle(columns, record.fields(), interval);
                sink.imported(record.line(), Topics.CRYPTO_OHLC, candle.instrument(), candle, candle.windowEnd());
            } catch (IllegalArgumentException e) {
                sink.rejected(new BadRow(record.line(), BadRow.MALFORMED, e.getMessage(), record.raw()));
            }
        });
        if (sorted != null) {
            sorted.flush();
        }
        return interval;
    }

    /** The row's time, or null when it has none that reads (the import reports that row). */
    private static Instant timeOf(Columns columns, CsvRecords.Record record) {
        if (record.error() != null || record.fields().size() <= columns.time) {
            return null;
        }
        try {
            return Timestamps.parse(record.fields().get(columns.time));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * What one pass over the rows' times tells: whether they never go back, and the gaps between consecutive rows.
     * Rows whose time does not read are left out here and reported when imported.
     */
    private Times scanTimes(Columns columns) throws IOException {
        Map<Long, Long> gaps = new HashMap<>();
        Instant[] previous = {null};
        boolean[] ordered = {true};
        CsvFile.rows(file, dump == null, record -> {
            Instant time = timeOf(columns, record);
            if (time == null) {
                return;
            }
            if (previous[0] != null && !time.equals(previous[0])) {
                ordered[0] &= time.isAfter(previous[0]);
                gaps.merge(Math.abs(Duration.between(previous[0], time).toMillis()), 1L, Long::sum);
            }
            previous[0] = time;
        });
        return new Times(ordered[0], gaps);
    }

    /**
     * @param ordered whether the rows' times never go back
     * @param gaps    how often each gap (ms, either direction) stands between consecutive rows' distinct times
     */
    private record Times(boolean ordered, Map<Long, Long> gaps) {

        /**
         * The most common gap between consecutive rows (either order: some sites export newest first); on a tie
         * the shorter.
         */
        Duration interval() {
            return gaps.entrySet().stream()
                    .max(Map.Entry.<Long, Long>comparingByValue()
                            .thenComparing(Map.Entry.comparingByKey((a, b) -> Long.compare(b, a))))
                    .map(e -> Duration.ofMillis(e.getKey()))
                    .orElseThrow(() -> new ImportRefusedException("cannot infer the candle interval: the file has "
                            + "fewer than two rows with distinct times; give it, e.g. --interval 1d"));
        }
    }

    private Candle candle(Columns c, List<String> fields, Duration interval) {
        if (fields.size() != c.header().size()) {
            throw new IllegalArgumentException("expected " + c.header().size() + " fields as in the header, got "
                    + fields.size());
        }
        Instant start = Timestamps.parse(required(c, c.time, fields));
        BigDecimal open = price(c, c.open, fields);
        BigDecimal high = price(c, c.high, fields);
        BigDecimal low = price(c, c.low, fields);
        BigDecimal close = price(c, c.close, fields);
        String symbol = c.symbol >= 0 && !fields.get(c.symbol).isEmpty() ? symbol(fields.get(c.symbol)) : defaultSymbol;
        if (symbol == null) {
            throw new IllegalArgumentException(c.header().name(c.symbol) + " is empty and no --symbol was given");
        }
        // the base currency's volume: a volume column, or one named after the asset (CryptoDataDownload's
        // "Volume ETH" beside "Volume USD", the quote's)
        int volumeColumn = c.volume >= 0 ? c.volume
                : c.header().find(List.of("volume " + symbol.substring(0, symbol.indexOf('-')).toLowerCase(Locale.ROOT)));
        BigDecimal volume = null;
        if (volumeColumn >= 0 && !fields.get(volumeColumn).isEmpty()) {
            volume = decimal(c, volumeColumn, fields);
            if (volume.signum() < 0) {
                throw new IllegalArgumentException(c.header().name(volumeColumn) + " " + volume + " is negative");
            }
        }
        if (high.compareTo(low) < 0) {
            throw new IllegalArgumentException("high " + high + " is below low " + low);
        }
        for (BigDecimal price : List.of(open, close)) {
            if (price.compareTo(low) < 0 || price.compareTo(high) > 0) {
                throw new IllegalArgumentException((price == open ? "open " : "close ") + price + " is outside low "
                        + low + " to high " + high);
            }
        }
        String exchange = c.exchange >= 0 && !fields.get(c.exchange).isEmpty()
                ? exchange(fields.get(c.exchange)) : defaultExchange;
        return new Candle(Candle.VERSION, CryptoTick.instrumentKey(exchange, symbol), interval, start,
                start.plus(interval), open, high, low, close, volume, 0);
    }

    /**
     * {@code btc/usd}, {@code BTC_USD}, {@code BTC-USD} and {@code BTCUSD} (CryptoDataDownload's {@code Symbol}) are
     * {@code BTC-USD}; a run-together symbol is split before the quote currency it ends in ({@link #QUOTES}).
     */
    static String symbol(String text) {
        String symbol = text.strip().toUpperCase(Locale.ROOT).replace('/', '-').replace('_', '-');
        if (RUN_TOGETHER.matcher(symbol).matches()) {
            String whole = symbol;
            symbol = QUOTES.stream().filter(q -> whole.length() > q.length() && whole.endsWith(q)).findFirst()
                    .map(q -> whole.substring(0, whole.length() - q.length()) + "-" + q).orElse(whole);
        }
        if (!SYMBOL_FORM.matcher(symbol).matches()) {
            throw new IllegalArgumentException("symbol \"" + text + "\" is not BASE-QUOTE, e.g. BTC-USD");
        }
        return symbol;
    }

    private static String exchange(String text) {
        String exchange = text.strip().toLowerCase(Locale.ROOT);
        if (!EXCHANGE_FORM.matcher(exchange).matches()) {
            throw new IllegalArgumentException("exchange \"" + text + "\" is not an exchange id like coinbase");
        }
        return exchange;
    }

    private static String required(Columns c, int index, List<String> fields) {
        String value = fields.get(index);
        if (value.isEmpty()) {
            throw new IllegalArgumentException(c.header().name(index) + " is empty");
        }
        return value;
    }

    private static BigDecimal price(Columns c, int index, List<String> fields) {
        BigDecimal price = decimal(c, index, fields);
        if (price.signum() <= 0) {
            throw new IllegalArgumentException(c.header().name(index) + " " + price + " is not positive");
        }
        String absurd = TickValidator.abovePlausibleMaximum(c.header().name(index), price);
        if (absurd != null) {
            throw new IllegalArgumentException(absurd);
        }
        return price;
    }

    private static BigDecimal decimal(Columns c, int index, List<String> fields) {
        String text = required(c, index, fields);
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(c.header().name(index) + " \"" + text + "\" is not a number");
        }
    }
}
