package dev.rigwatch.ingest;

import dev.rigwatch.ingest.exchange.Exchange;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * What ingest polls on one exchange and how often.
 *
 * @param exchange the exchange id, one of {@link Exchange}'s ({@code coinbase}, {@code kraken}, ...)
 * @param baseUrl  the exchange API's base URL (the simulator's, in the demo)
 * @param symbols  normalised symbols to poll, e.g. {@code BTC-USD}; each must be listed for the exchange in the
 *                 instrument registry, which the ingest stage checks at start
 * @param interval  pause between the end of one poll of a symbol and the start of its next
 * @param transport how ticks come: polled over REST (the default) or pushed over the exchange's WebSocket
 * @param wsUrl     the WebSocket address ({@code ws://} or {@code wss://}), or null for the exchange's public one
 */
public record ExchangeSettings(String exchange, String baseUrl, List<String> symbols, Duration interval,
                               Transport transport, String wsUrl) {

    /** How an exchange's ticks reach ingest. REST stays the default until the WebSocket feeds have proven out. */
    public enum Transport {
        REST, WS;

        /** From an option's text, {@code rest} or {@code ws}. */
        public static Transport of(String text) {
            for (Transport transport : values()) {
                if (transport.id().equals(text.strip().toLowerCase(Locale.ROOT))) {
                    return transport;
                }
            }
            throw new IllegalArgumentException("transport must be rest or ws, was '" + text + "'");
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** BASE-QUOTE, upper case: the form of {@code CryptoTick.symbol}. */
    private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9]+-[A-Z0-9]+");

    public ExchangeSettings {
        Exchange.of(Objects.requireNonNull(exchange, "exchange"));
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(symbols, "symbols");
        if (HttpUrl.parse(baseUrl) == null) {
            throw new IllegalArgumentException(exchange + " base URL must be an http(s) URL, was '" + baseUrl + "'");
        }
        symbols = List.copyOf(symbols);
        if (symbols.isEmpty()) {
            throw new IllegalArgumentException(exchange + " needs at least one symbol");
        }
        for (String symbol : symbols) {
            if (!SYMBOL.matcher(symbol).matches()) {
                throw new IllegalArgumentException(exchange + " symbol must look like BTC-USD, was '" + symbol + "'");
            }
        }
        if (new HashSet<>(symbols).size() != symbols.size()) {
            throw new IllegalArgumentException(exchange + " symbols are listed more than once: " + symbols);
        }
        IngestSettings.requirePositive(exchange + " interval", interval);
        Objects.requireNonNull(transport, "transport");
        if (wsUrl != null && !(wsUrl.startsWith("ws://") || wsUrl.startsWith("wss://"))) {
            throw new IllegalArgumentException(exchange + " WebSocket URL must be a ws:// or wss:// URL, was '"
                    + wsUrl + "'");
        }
    }

    /** Polled over REST. */
    public ExchangeSettings(String exchange, String baseUrl, List<String> symbols, Duration interval) {
        this(exchange, baseUrl, symbols, interval, Transport.REST, null);
    }

    /** The exchange's public API, bitcoin and ether in its dollar quote, at an interval within its public limit. */
    public static ExchangeSettings defaults(String exchange) {
        Exchange known = Exchange.of(exchange);
        return new ExchangeSettings(known.id(), known.defaultBaseUrl(), known.defaultSymbols(), known.defaultInterval());
    }

    public ExchangeSettings withBaseUrl(String url) {
        return new ExchangeSettings(exchange, url, symbols, interval, transport, wsUrl);
    }

    public ExchangeSettings withSymbols(List<String> polled) {
        return new ExchangeSettings(exchange, baseUrl, polled, interval, transport, wsUrl);
    }

    public ExchangeSettings withInterval(Duration pause) {
        return new ExchangeSettings(exchange, baseUrl, symbols, pause, transport, wsUrl);
    }

    /** Ticks over {@code other}, from {@code url} (null: the exchange's public WebSocket, when WS). */
    public ExchangeSettings withTransport(Transport other, String url) {
        return new ExchangeSettings(exchange, baseUrl, symbols, interval, other, url);
    }
}
