package dev.rigwatch.ingest.exchange;

import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.ingest.http.SourceHttpClient;
import okhttp3.HttpUrl;

/**
 * What every exchange adapter holds the same way: the source HTTP client, the exchange's base URL and the
 * instrument registry that maps rigwatch's symbols to the exchange's. A subclass adds only its exchange's
 * endpoints and its one DTO-to-event mapping.
 */
public abstract class HttpExchangeAdapter implements ExchangeAdapter {

    protected final SourceHttpClient http;
    protected final HttpUrl baseUrl;
    private final String exchange;
    private final String name;
    private final InstrumentLookup instruments;

    /** @param name the exchange's name for log lines, e.g. {@code Kraken} */
    protected HttpExchangeAdapter(Exchange exchange, String name, SourceHttpClient http, String baseUrl,
                                  InstrumentLookup instruments) {
        this.exchange = exchange.id();
        this.name = name;
        this.http = http;
        this.baseUrl = HttpUrl.get(baseUrl);
        this.instruments = instruments;
    }

    @Override
    public final String exchange() {
        return exchange;
    }

    /** The exchange's id of {@code symbol}, for a request (e.g. {@code XBTUSD} for Kraken's {@code BTC-USD}). */
    protected final String requestId(String symbol) {
        return instruments.requestId(exchange, symbol);
    }

    /** Whether a response's instrument id (e.g. Kraken's {@code XXBTZUSD}) is {@code symbol}. */
    protected final boolean answersFor(String responseId, String symbol) {
        return instruments.symbolForResponse(exchange, responseId).filter(symbol::equals).isPresent();
    }

    /** The instrument key of this exchange's {@code symbol}: candles and ticks are keyed by it. */
    protected final String instrument(String symbol) {
        return CryptoTick.instrumentKey(exchange, symbol);
    }

    @Override
    public String toString() {
        return name + " at " + baseUrl;
    }
}
