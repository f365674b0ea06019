package dev.rigwatch.simulator;

import java.time.Instant;
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
 * Bitstamp's {@code GET /api/v2/trading-pairs-info/}, {@code GET /api/v2/ticker/btcusd/} and {@code GET /api/v2/ohlc/btcusd/?step=60&limit=1000&start=S}:
 * every field a string, prices in the pair's precision (whole dollars for BTC/USD), times in epoch seconds. An
 * unknown pair or path is a 404 HTML page; bad parameters are 400 {@code {"status":"error","reason":...,"code":...}}
 * (the codes are this simulator's own).
 */
final class BitstampApi extends ExchangeApi {

    static final String CONTEXT = "/api/v2/";
    static final int MAX_LIMIT = 1000;
    static final Set<Long> STEPS = Set.of(60L, 180L, 300L, 900L, 1_800L, 3_600L, 7_200L, 14_400L, 21_600L, 43_200L,
            86_400L, 259_200L);

    private static final Pattern PATH = Pattern.compile("^/api/v2/(ticker|ohlc)/([a-z0-9]+)/?$");
    private static final int VOLUME_SCALE = 8;
    private static final int PERCENT_SCALE = 2;

    BitstampApi(SimulatedMarket market, FaultPlan faults, ScheduledExecutorService delayer,
                Consumer<ServedTick> onServed) {
        super(SimulatedExchange.BITSTAMP, CONTEXT, market, faults, delayer, onServed);
    }

    @Override
    Optional<Route> route(String path) {
        return symbolInPath(PATH, path, 1, "ticker", 2);
    }

    @Override
    String instrumentsPath() {
        return "/api/v2/trading-pairs-info/";
    }

    @Override
    Reply instruments(Instant now) {
        List<Map<String, Object>> pairs = new ArrayList<>();
        for (SimulatedProduct product : listedProducts()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("name", product.baseAsset() + "/" + product.quoteAsset());
            json.put("url_symbol", exchange.symbol(product));
            json.put("base_decimals", VOLUME_SCALE);
            json.put("counter_decimals", exchange.priceScale(product));
            json.put("instant_order_counter_decimals", 2);
            json.put("minimum_order", "10 " + product.quoteAsset());
            json.put("trading", "Enabled");
            json.put("instant_and_market_orders", "Enabled");
            json.put("description", product.baseAsset() + " / " + product.quoteAsset());
            pairs.add(json);
        }
        return Reply.json(200, pairs);
    }

    /** {@code open} is the UTC day's first price; high, low, volume and vwap are over the last 24 hours. */
    @Override
    Reply ticker(Route route, Query query, Instant now) {
        Optional<SimulatedProduct> product = productBySymbol(route.pathSymbol());
        if (product.isEmpty()) {
            return notFound();
        }
        Quote quote = market.tape(exchange, product.get()).quoteAt(now);
        TradeStats day = quote.last24h();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("timestamp", Long.toString(quote.tradeId()));
        json.put("open", quote.today().open().toPlainString());
        json.put("high", day.high().toPlainString());
        json.put("low", day.low().toPlainString());
        json.put("last", quote.price().toPlainString());
        json.put("volume", decimal(day.volume(), VOLUME_SCALE));
        json.put("vwap", day.vwap(exchange.priceScale(product.get())).toPlainString());
        json.put("bid", quote.bid().toPlainString());
        json.put("ask", quote.ask().toPlainString());
        json.put("side", quote.buyerTookTheAsk() ? "0" : "1");
        json.put("open_24", day.open().toPlainString());
        json.put("percent_change_24", percentChange(day.open(), quote.price(), PERCENT_SCALE));
        return Reply.json(200, json).serving(List.of(ServedTick.of(quote)));
    }

    /**
     * Oldest first, {@code limit} candles: ending at {@code end} when it is given (Bitstamp prefers it over
     * {@code start}), else starting at {@code start}, else the latest ones.
     */
    @Override
    Reply candles(Route route, Query query, Instant now) {
        Optional<SimulatedProduct> product = productBySymbol(route.pathSymbol());
        if (product.isEmpty()) {
            return notFound();
        }
        long step;
        long limit;
        Optional<Long> start;
        Optional<Long> end;
        try {
            step = query.get("step").map(Long::parseLong).orElse(0L);
            limit = query.get("limit").map(Long::parseLong).orElse(0L);
            start = query.get("start").map(Long::parseLong);
            end = query.get("end").map(Long::parseLong);
        } catch (NumberFormatException e) {
            return error(400, "Invalid parameter: " + e.getMessage());
        }
        if (!STEPS.contains(step)) {
            return error(400, "step must be one of " + STEPS.stream().sorted().toList());
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            return error(400, "limit must be from 1 to " + MAX_LIMIT);
        }
        TradeTape tape = market.tape(exchange, product.get());
        long lastTrade = tape.lastTradeSecond(now);
        long current = windowOf(lastTrade, step);
        long oldest;
        long newest;
        if (end.isPresent()) {
            newest = Math.min(current, windowOf(end.get(), step));
            oldest = newest - (limit - 1) * step;
        } else if (start.isPresent()) {
            oldest = firstWindowFrom(start.get(), step);
            newest = Math.min(current, oldest + (limit - 1) * step);
        } else {
            newest = current;
            oldest = current - (limit - 1) * step;
        }
        List<Map<String, String>> ohlc = new ArrayList<>();
        for (long time = oldest; time <= newest; time += step) {
            long windowStart = time;
            tape.window(time, step, lastTrade).ifPresent(c -> {
                Map<String, String> candle = new LinkedHashMap<>();
                candle.put("timestamp", Long.toString(windowStart));
                candle.put("open", c.open().toPlainString());
                candle.put("high", c.high().toPlainString());
                candle.put("low", c.low().toPlainString());
                candle.put("close", c.close().toPlainString());
                candle.put("volume", decimal(c.volume(), VOLUME_SCALE));
                ohlc.add(candle);
            });
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("pair", product.get().baseAsset() + "/" + product.get().quoteAsset());
        data.put("ohlc", ohlc);
        return Reply.json(200, Map.of("data", data));
    }

    @Override
    Reply notFound() {
        return Reply.html(404, "Not Found");
    }

    @Override
    Reply error(int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "error");
        body.put("reason", message);
        body.put("code", status + ".001");
        return Reply.json(status, body);
    }

    @Override
    Reply rateLimited() {
        return error(429, "Rate limit exceeded").withHeader("Retry-After", "1");
    }
}
