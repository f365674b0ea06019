package dev.rigwatch.ingest.exchange;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One instrument of one exchange: rigwatch's symbol and the exchange's two names of it.
 *
 * @param exchange   the exchange id, e.g. {@code kraken}
 * @param symbol     rigwatch's symbol, {@code BASE-QUOTE} with the quote explicit ({@code BTC-USDT} is not {@code BTC-USD})
 * @param requestId  what the exchange's API takes in a request, e.g. Kraken's {@code XBTUSD}
 * @param responseId what the exchange calls the pair in its responses, e.g. Kraken's {@code XXBTZUSD}
 */
public record Instrument(String exchange, String symbol, String requestId, String responseId) {

    static final Pattern EXCHANGE = Pattern.compile("[a-z0-9]+");
    /** BASE-QUOTE, upper case: the form of {@code CryptoTick.symbol}. */
    public static final Pattern SYMBOL = Pattern.compile("[A-Z0-9]+-[A-Z0-9]+");

    public Instrument {
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(symbol, "symbol");
        if (!EXCHANGE.matcher(exchange).matches()) {
            throw new IllegalArgumentException("exchange must be a lower-case id, was '" + exchange + "'");
        }
        if (!SYMBOL.matcher(symbol).matches()) {
            throw new IllegalArgumentException("symbol must look like BTC-USD, was '" + symbol + "'");
        }
        if (requestId == null || requestId.isBlank() || responseId == null || responseId.isBlank()) {
            throw new IllegalArgumentException("request_id and response_id are required");
        }
    }
}
