package dev.rigwatch.simulator;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.rigwatch.events.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Coinbase Exchange's {@code GET /products/{product_id}/ticker}, in its real format: decimals as strings,
 * {@code trade_id} a number, {@code time} ISO-8601 with microseconds. Anything else answers 404
 * {@code {"message":"NotFound"}} as Coinbase does. The wire record is deliberately this module's own rather than
 * shared with the ingest client, so a format mistake on one side is caught by the other's tests.
 */
final class CoinbaseTickerHandler implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(CoinbaseTickerHandler.class);

    static final String CONTEXT = "/products/";
    private static final Pattern TICKER_PATH = Pattern.compile("^/products/([^/]+)/ticker$");
    /** Coinbase always sends six fraction digits; {@code Instant.toString()} drops trailing zeros. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);
    /** Coinbase's request-for-quote share of the volume, roughly as the real feed shows it. */
    private static final BigDecimal RFQ_SHARE = new BigDecimal("0.007");

    @JsonPropertyOrder({"ask", "bid", "volume", "trade_id", "price", "size", "time", "rfq_volume",
            "conversions_volume"})
    record TickerJson(
            String ask,
            String bid,
            String volume,
            @JsonProperty("trade_id") long tradeId,
            String price,
            String size,
            String time,
            @JsonProperty("rfq_volume") String rfqVolume,
            @JsonProperty("conversions_volume") String conversionsVolume) {

        static TickerJson of(Quote quote) {
            return new TickerJson(
                    quote.ask().toPlainString(),
                    quote.bid().toPlainString(),
                    quote.volume24h().toPlainString(),
                    quote.tradeId(),
                    quote.price().toPlainString(),
                    quote.size().toPlainString(),
                    TIME.format(quote.tradeTime()),
                    quote.volume24h().multiply(RFQ_SHARE).setScale(6, RoundingMode.HALF_EVEN).toPlainString(),
                    "0");
        }
    }

    private final SimulatedMarket market;

    CoinbaseTickerHandler(SimulatedMarket market) {
        this.market = market;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                respond(exchange);
            } catch (RuntimeException e) {
                log.error("Simulator failed to answer {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                send(exchange, 500, Map.of("message", "Internal server error"));
            }
        }
    }

    private void respond(HttpExchange exchange) throws IOException {
        Matcher ticker = TICKER_PATH.matcher(exchange.getRequestURI().getPath());
        Optional<Quote> quote = ticker.matches() ? market.quote(ticker.group(1)) : Optional.empty();
        if (quote.isEmpty()) {
            send(exchange, 404, Map.of("message", "NotFound"));
        } else if (!exchange.getRequestMethod().equals("GET")) {
            exchange.getResponseHeaders().set("Allow", "GET");
            send(exchange, 405, Map.of("message", "method not allowed"));
        } else {
            send(exchange, 200, TickerJson.of(quote.get()));
        }
    }

    private static void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = Json.mapper().writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
