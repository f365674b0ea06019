package dev.rigwatch.ops.history;

import dev.rigwatch.ingest.exchange.AssetCodes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An exchange's own candle download, which has no header row: the columns are implied by the format, and the file
 * name says the pair and the candle length. Read by {@link OhlcvFile} like any OHLCV file once the header is
 * supplied.
 * <ul>
 *   <li>Binance's public kline dumps (data.binance.vision), e.g. {@code BTCUSDT-1h-2024-01.csv}: open time (ms, or
 *       µs in spot dumps from 2025), open, high, low, close, volume, close time, quote volume, trades, taker buy base
 *       volume, taker buy quote volume, ignore.</li>
 *   <li>Kraken's OHLCVT downloads, e.g. {@code XBTUSD_60.csv} (the number is the candle length in minutes): time
 *       (Unix seconds), open, high, low, close, volume, trades. Kraken names assets its own way ({@code XBT} for
 *       BTC), which {@link AssetCodes#symbol} maps.</li>
 * </ul>
 *
 * @param exchange the exchange the candles are keyed by, unless {@code --exchange} names another
 * @param header   the implied column names
 * @param symbol   what the file name says the pair is, normalised, or null when it does not say
 * @param interval what the file name says the candle length is, or null when it does not say
 */
record ExchangeDump(String exchange, Header header, String symbol, Duration interval) {

    private static final Header BINANCE_COLUMNS = Header.of(List.of("open time", "open", "high", "low", "close",
            "volume", "close time", "quote asset volume", "number of trades", "taker buy base asset volume",
            "taker buy quote asset volume", "ignore"));
    private static final Header KRAKEN_COLUMNS = Header.of(List.of("time", "open", "high", "low", "close", "volume",
            "trades"));
    /** {@code BTCUSDT-1m-2024-01-01.csv} (daily) or {@code BTCUSDT-1h-2024-01.csv} (monthly). */
    private static final Pattern BINANCE_NAME = Pattern.compile(
            "([A-Z0-9]+)-(\\d+)([smhdw]|mo)-\\d{4}-\\d{2}(-\\d{2})?\\.csv", Pattern.CASE_INSENSITIVE);
    /** {@code XBTUSD_60.csv}. */
    private static final Pattern KRAKEN_NAME = Pattern.compile("([A-Z0-9]+)_(\\d+)\\.csv", Pattern.CASE_INSENSITIVE);

    /** The layout of {@code file}, for a format with no header; null for the formats that have one. */
    static ExchangeDump of(FileFormat format, Path file) {
        String name = file.getFileName().toString();
        return switch (format) {
            case BINANCE_KLINES -> binance(name);
            case KRAKEN_OHLCVT -> kraken(name);
            default -> null;
        };
    }

    /** How many columns a headerless file of {@code format} has. */
    static int columns(FileFormat format) {
        return format == FileFormat.BINANCE_KLINES ? BINANCE_COLUMNS.size() : KRAKEN_COLUMNS.size();
    }

    private static ExchangeDump binance(String name) {
        Matcher m = BINANCE_NAME.matcher(name);
        if (!m.matches()) {
            return new ExchangeDump("binance", BINANCE_COLUMNS, null, null);
        }
        String unit = m.group(3).toLowerCase(Locale.ROOT);
        if (unit.equals("mo")) {
            throw new ImportRefusedException(name + " holds monthly klines; months differ in length, and rigwatch's "
                    + "candles have one length: import daily or shorter klines");
        }
        long count = Long.parseLong(m.group(2));
        Duration interval = switch (unit) {
            case "s" -> Duration.ofSeconds(count);
            case "m" -> Duration.ofMinutes(count);
            case "h" -> Duration.ofHours(count);
            case "d" -> Duration.ofDays(count);
            default -> Duration.ofDays(7 * count);
        };
        return new ExchangeDump("binance", BINANCE_COLUMNS, symbolOrNull(m.group(1)), interval);
    }

    private static ExchangeDump kraken(String name) {
        Matcher m = KRAKEN_NAME.matcher(name);
        if (!m.matches()) {
            return new ExchangeDump("kraken", KRAKEN_COLUMNS, null, null);
        }
        String symbol = symbolOrNull(m.group(1));
        if (symbol != null) {
            int dash = symbol.indexOf('-');
            symbol = AssetCodes.symbol("kraken", symbol.substring(0, dash), symbol.substring(dash + 1)).orElse(symbol);
        }
        return new ExchangeDump("kraken", KRAKEN_COLUMNS, symbol, Duration.ofMinutes(Long.parseLong(m.group(2))));
    }

    /** The pair a file name gives, or null when it cannot be split into base and quote (the user then says it). */
    private static String symbolOrNull(String pair) {
        try {
            return OhlcvFile.symbol(pair);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
