package dev.rigwatch.simulator;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Coinbase Exchange's {@code GET /products/{product_id}/ticker}, {@code GET /products/{product_id}/candles} and
 * {@code GET /products}, the list of products.
 * The ticker has decimals as strings, {@code trade_id} a number and {@code time} ISO-8601 with microseconds;
 * candles are {@code [time, low, high, open, close, volume]} of JSON numbers, newest first, at most
 * {@value #MAX_CANDLES} a request. Errors are {@code {"message": ...}}; an unknown product or path is 404
 * {@code NotFound}.
 */
final class CoinbaseApi extends ExchangeApi {

    /** Also the path of the product list, so without the slash. */
    static final String CONTEXT = "/products";
    static final int MAX_CANDLES = 300;
    static final Set<Long> GRANULARITIES = Set.of(60L, 300L, 900L, 3600L, 21600L, 86400L);
    /** The granularity of a request that names none. */
    static final long DEFAULT_GRANULARITY = 60;

    private static final Pattern PATH = Pattern.compile("^/products/([^/]+)/(ticker|candles)$");
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
            BigDecimal volume = quote.last24h().volume();
            return new TickerJson(
                    quote.ask().toPlainString(),
                    quote.bid().toPlainString(),
                    volume.toPlainString(),
                    quote.tradeId(),
                    quote.price().toPlainString(),
                    quote.size().toPlainString(),
                    TIME.format(quote.tradeTime()),
                    volume.multiply(RFQ_SHARE).setScale(6, RoundingMode.HALF_EVEN).toPlainString(),
                    "0");
        }
    }

    CoinbaseApi(SimulatedMarket market, FaultPlan faults, ScheduledExecutorService delayer,
                Consumer<ServedTick> onServed) {
        super(SimulatedExchange.COINBASE, CONTEXT, market, faults, delayer, onServed);
    }

    @Override
    Optional<Route> route(String path) {
        return symbolInPath(PATH, path, 2, "ticker", 1);
    }

    @Override
    String instrumentsPath() {
        return CONTEXT;
    }

    @Override
    Reply instruments(Instant now) {
        List<Map<String, Object>> products = new ArrayList<>();
        for (SimulatedProduct product : listedProducts()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", product.id());
            json.put("base_currency", product.baseAsset());
            json.put("quote_currency", product.quoteAsset());
            json.put("quote_increment", increment(exchange.priceScale(product)));
            json.put("base_increment", "0.00000001");
            json.put("display_name", product.id());
            json.put("min_market_funds", "1");
            json.put("margin_enabled", false);
            json.put("post_only", false);
            json.put("limit_only", false);
            json.put("cancel_only", false);
            json.put("status", "online");
            json.put("status_message", "");
            json.put("trading_disabled", false);
            json.put("fx_stablecoin", false);
            json.put("max_slippage_percentage", "0.02000000");
            json.put("auction_mode", false);
            json.put("high_bid_limit_percentage", "");
            products.add(json);
        }
        return Reply.json(200, products);
    }

    @Override
    Reply ticker(Route route, Query query, Instant now) {
        return quoteOf(route.pathSymbol(), now)
                .map(quote -> Reply.json(200, TickerJson.of(quote)).serving(List.of(ServedTick.of(quote))))
                .orElseGet(this::notFound);
    }

    /**
     * Candles whose start lies in [start, end], both included, when both are given (Coinbase ignores one without
     * the other), else the latest {@value #MAX_CANDLES}.
     */
    @Override
    Reply candles(Route route, Query query, Instant now) {
        Optional<SimulatedProduct> product = productBySymbol(route.pathSymbol());
        if (product.isEmpty()) {
            return notFound();
        }
        long granularity;
        Optional<Instant> start;
        Optional<Instant> end;
        try {
            granularity = query.get("granularity").map(Long::parseLong).orElse(DEFAULT_GRANULARITY);
            start = query.get("start").map(CoinbaseApi::instant);
            end = query.get("end").map(CoinbaseApi::instant);
        } catch (NumberFormatException | DateTimeParseException e) {
            return error(400, "Invalid parameter: " + e.getMessage());
        }
        if (!GRANULARITIES.contains(granularity)) {
            return error(400, "Unsupported granularity");
        }
        TradeTape tape = market.tape(exchange, product.get());
        long lastTrade = tape.lastTradeSecond(now);
        long current = windowOf(lastTrade, granularity);
        long newest;
        long oldest;
        if (start.isPresent() && end.isPresent()) {
            long from = start.get().getEpochSecond();
            long to = end.get().getEpochSecond();
            if (to < from) {
                return error(400, "start must be before end");
            }
            oldest = firstWindowFrom(from, granularity);
            if (windowOf(to, granularity) - oldest >= MAX_CANDLES * granularity) {
                return error(400, "granularity too small for the requested time range. Count of aggregations "
                        + "requested exceeds " + MAX_CANDLES);
            }
            newest = Math.min(current, windowOf(to, granularity));
        } else {
            newest = current;
            oldest = current - (MAX_CANDLES - 1) * granularity;
        }
        List<List<Object>> rows = new ArrayList<>();
        for (long time = newest; time >= oldest; time -= granularity) {
            long windowStart = time;
            tape.window(time, granularity, lastTrade).ifPresent(c -> rows.add(List.of(windowStart,
                    number(c.low()), number(c.high()), number(c.open()), number(c.close()), number(c.volume()))));
        }
        return Reply.json(200, rows);
    }

    @Override
    Reply notFound() {
        return error(404, "NotFound");
    }

    @Override
    Reply error(int status, String message) {
        return Reply.json(status, Map.of("message", message));
    }

    @Override
    Reply rateLimited() {
        return error(429, "Public rate limit exceeded").withHeader("Retry-After", "1");
    }

    /** Coinbase's candles carry plain numbers without trailing zeros: 37380, 37421.5. */
    private static BigDecimal number(BigDecimal value) {
        return value.stripTrailingZeros();
    }

    /** ISO-8601 with a zone, {@code 2023-11-24T14:00:00Z} or {@code ...+00:00}. */
    private static Instant instant(String text) {
        return OffsetDateTime.parse(text).toInstant();
    }
}
