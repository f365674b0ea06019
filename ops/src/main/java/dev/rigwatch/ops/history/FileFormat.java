package dev.rigwatch.ops.history;

import dev.rigwatch.ingest.text.CsvRecords;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The kinds of history file {@link HistoryImport} reads; {@link #detect} tells them from the first line. */
public enum FileFormat {
    /** OHLCV candles as exchanges and data sites export them, to {@code crypto.ohlc}. */
    OHLCV("ohlcv"),
    /** JSON lines of rigwatch's own events (or {@code rigwatch tail} lines), to the topic each belongs to. */
    EVENTS("events"),
    /** Listings in the operator feed's columns (CSV or JSON lines), to {@code gpu.listings}. */
    LISTINGS("listings"),
    /** Monthly used-GPU sold prices per model, to {@code gpu.sold-prices}. */
    GPU_SOLD("gpu-sold"),
    /** Binance's public kline dumps: OHLCV with no header, open time in ms or µs ({@link ExchangeDump}). */
    BINANCE_KLINES("binance-klines"),
    /** Kraken's OHLCVT downloads: OHLCV with no header, time in Unix seconds ({@link ExchangeDump}). */
    KRAKEN_OHLCVT("kraken-ohlcvt");

    /** A first line of numbers only is a row, not a header. */
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE]-?\\d+)?");

    private final String id;

    FileFormat(String id) {
        this.id = id;
    }

    /** As the command line writes it: {@code ohlcv}, {@code events}, {@code listings}, {@code gpu-sold}... */
    public String id() {
        return id;
    }

    /** @throws IllegalArgumentException naming the known ids */
    public static FileFormat of(String id) {
        String wanted = id.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.id.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown format '" + id + "'; use one of "
                        + Arrays.stream(values()).map(FileFormat::id).toList()));
    }

    /**
     * The format of a file whose first non-blank line is {@code firstLine}:
     * <ul>
     *   <li>a JSON object: {@link #LISTINGS} when it has a {@code listing_id} field, else {@link #EVENTS};</li>
     *   <li>a CSV header with {@code listing_id} and {@code title}: {@link #LISTINGS};</li>
     *   <li>with {@code month} and {@code gpu} or {@code model}: {@link #GPU_SOLD};</li>
     *   <li>with {@code open}, {@code high}, {@code low} and {@code close}: {@link #OHLCV};</li>
     *   <li>no header but a row of numbers: {@link #BINANCE_KLINES} with Binance's 12 columns, {@link #KRAKEN_OHLCVT}
     *       with Kraken's 7.</li>
     * </ul>
     *
     * @throws ImportRefusedException when it is none of these
     */
    static FileFormat detect(String firstLine) {
        String line = firstLine.strip();
        if (line.startsWith("{")) {
            return EventLines.isListingFeedLine(line) ? LISTINGS : EVENTS;
        }
        CsvRecords.Record record = CsvRecords.parse(1, line);
        if (record.error() != null) {
            throw new ImportRefusedException("the first line is neither a CSV header nor a JSON object (not CSV: "
                    + record.error() + "); give the format with --format");
        }
        if (record.fields().stream().allMatch(field -> NUMBER.matcher(field.strip()).matches())) {
            return headerless(record.fields().size());
        }
        Header header = Header.of(record.fields());
        if (header.has("listing id") && header.has("title")) {
            return LISTINGS;
        }
        if (header.has("month") && (header.has("gpu") || header.has("model"))) {
            return GPU_SOLD;
        }
        if (header.has("open") && header.has("high") && header.has("low") && header.has("close")) {
            return OHLCV;
        }
        throw new ImportRefusedException("cannot tell the format from the header " + header + ": OHLCV needs open, "
                + "high, low and close; listings listing_id and title; GPU sold prices gpu and month. Give it with "
                + "--format " + ids());
    }

    /** A file whose first line is a row of {@code columns} numbers: an exchange's download with no header. */
    private static FileFormat headerless(int columns) {
        for (FileFormat format : List.of(BINANCE_KLINES, KRAKEN_OHLCVT)) {
            if (ExchangeDump.columns(format) == columns) {
                return format;
            }
        }
        throw new ImportRefusedException("the first line is " + columns + " numbers and no header: Binance kline dumps "
                + "have " + ExchangeDump.columns(BINANCE_KLINES) + " columns, Kraken OHLCVT exports "
                + ExchangeDump.columns(KRAKEN_OHLCVT) + "; give a header or the format with --format " + ids());
    }

    static String ids() {
        return Arrays.stream(values()).map(FileFormat::id).reduce((a, b) -> a + "|" + b).orElseThrow();
    }
}
