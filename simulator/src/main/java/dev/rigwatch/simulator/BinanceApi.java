package dev.rigwatch.simulator;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * Binance's {@code GET /api/v3/exchangeInfo}, {@code GET /api/v3/ticker/24hr?symbol=BTCUSDT} and
 * {@code GET /api/v3/klines?symbol=BTCUSDT&interval=1m&startTime=MS&endTime=MS&limit=N}: decimals as strings with
 * eight places, times in epoch milliseconds, statistics over a rolling 24 hours. Errors are 400 with
 * {@code {"code": -1121, "msg": "Invalid symbol."}} and its kin.
 */
final class BinanceApi extends ExchangeApi {

    static final String CONTEXT = "/api/v3/";
    static final int DEFAULT_LIMIT = 500;
    static final int MAX_LIMIT = 1000;
    /** Binance's fixed-length intervals, in seconds. */
    static final Map<String, Long> INTERVALS = Map.ofEntries(
            Map.entry("1m", 60L), Map.entry("3m", 180L), Map.entry("5m", 300L), Map.entry("15m", 900L),
            Map.entry("30m", 1_800L), Map.entry("1h", 3_600L), Map.entry("2h", 7_200L), Map.entry("4h", 14_400L),
            Map.entry("6h", 21_600L), Map.entry("8h", 28_800L), Map.entry("12h", 43_200L), Map.entry("1d", 86_400L));

    private static final int SCALE = 8;
    private static final List<String> ORDER_TYPES = List.of("LIMIT", "LIMIT_MAKER", "MARKET", "STOP_LOSS",
            "STOP_LOSS_LIMIT", "TAKE_PROFIT", "TAKE_PROFIT_LIMIT");
    private static final int PERCENT_SCALE = 3;
    private static final long MILLIS_PER_DAY = TradeTape.SECONDS_PER_DAY * 1_000;

    BinanceApi(SimulatedMarket market, FaultPlan faults, ScheduledExecutorService delayer,
               Consumer<ServedTick> onServed) {
        super(SimulatedExchange.BINANCE, CONTEXT, market, faults, delayer, onServed);
    }

    @Override
    Optional<Route> route(String path) {
        return fixedPaths(path, "/api/v3/ticker/24hr", "/api/v3/klines");
    }

    @Override
    String instrumentsPath() {
        return "/api/v3/exchangeInfo";
    }

    @Override
    Reply instruments(Instant now) {
        List<Map<String, Object>> symbols = new ArrayList<>();
        for (SimulatedProduct product : listedProducts()) {
            String symbol = exchange.symbol(product);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("symbol", symbol);
            json.put("status", "TRADING");
            json.put("baseAsset", product.baseAsset());
            json.put("baseAssetPrecision", SCALE);
            json.put("quoteAsset", symbol.substring(product.baseAsset().length()));
            json.put("quotePrecision", SCALE);
            json.put("quoteAssetPrecision", SCALE);
            json.put("baseCommissionPrecision", SCALE);
            json.put("quoteCommissionPrecision", SCALE);
            json.put("orderTypes", ORDER_TYPES);
            for (String allowed : List.of("icebergAllowed", "ocoAllowed", "otoAllowed", "quoteOrderQtyMarketAllowed",
                    "allowTrailingStop", "cancelReplaceAllowed", "isSpotTradingAllowed")) {
                json.put(allowed, true);
            }
            json.put("isMarginTradingAllowed", false);
            json.put("filters", filters(exchange.priceScale(product)));
            json.put("permissions", List.of());
            json.put("permissionSets", List.of(List.of("SPOT")));
            json.put("defaultSelfTradePreventionMode", "EXPIRE_MAKER");
            json.put("allowedSelfTradePreventionModes", List.of("EXPIRE_TAKER", "EXPIRE_MAKER", "EXPIRE_BOTH"));
            symbols.add(json);
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("timezone", "UTC");
        info.put("serverTime", now.toEpochMilli());
        info.put("rateLimits", List.of(rateLimit("REQUEST_WEIGHT", "MINUTE", 1, 6000),
                rateLimit("ORDERS", "SECOND", 10, 100), rateLimit("ORDERS", "DAY", 1, 200_000),
                rateLimit("RAW_REQUESTS", "MINUTE", 5, 61_000)));
        info.put("exchangeFilters", List.of());
        info.put("symbols", symbols);
        return Reply.json(200, info);
    }

    private static Map<String, Object> rateLimit(String type, String interval, int intervalNum, int limit) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rateLimitType", type);
        json.put("interval", interval);
        json.put("intervalNum", intervalNum);
        json.put("limit", limit);
        return json;
    }

    /** The price, lot-size and notional filters, in Binance's order of fields. */
    private static List<Map<String, Object>> filters(int priceScale) {
        Map<String, Object> price = new LinkedHashMap<>();
        price.put("filterType", "PRICE_FILTER");
        price.put("minPrice", decimal(BigDecimal.ONE.movePointLeft(priceScale), SCALE));
        price.put("maxPrice", decimal(new BigDecimal("1000000"), SCALE));
        price.put("tickSize", decimal(BigDecimal.ONE.movePointLeft(priceScale), SCALE));
        Map<String, Object> lot = new LinkedHashMap<>();
        lot.put("filterType", "LOT_SIZE");
        lot.put("minQty", decimal(new BigDecimal("0.00001"), SCALE));
        lot.put("maxQty", decimal(new BigDecimal("9000"), SCALE));
        lot.put("stepSize", decimal(new BigDecimal("0.00001"), SCALE));
        Map<String, Object> notional = new LinkedHashMap<>();
        notional.put("filterType", "NOTIONAL");
        notional.put("minNotional", decimal(new BigDecimal("5"), SCALE));
        notional.put("applyMinToMarket", true);
        notional.put("maxNotional", decimal(new BigDecimal("9000000"), SCALE));
        notional.put("applyMaxToMarket", false);
        notional.put("avgPriceMins", 5);
        return List.of(price, lot, notional);
    }

    @Override
    Reply ticker(Route route, Query query, Instant now) {
        if (query.get("symbol").isEmpty()) {
            return missing("symbol");
        }
        Optional<SimulatedProduct> product = productBySymbol(query.get("symbol").get());
        if (product.isEmpty()) {
            return invalidSymbol();
        }
        TradeTape tape = market.tape(exchange, product.get());
        Quote quote = tape.quoteAt(now);
        TradeStats day = quote.last24h();
        long closeTime = quote.tradeTime().toEpochMilli();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("symbol", exchange.symbol(product.get()));
        json.put("priceChange", decimal(quote.price().subtract(day.open()), SCALE));
        json.put("priceChangePercent", percentChange(day.open(), quote.price(), PERCENT_SCALE));
        json.put("weightedAvgPrice", day.vwap(SCALE).toPlainString());
        json.put("prevClosePrice", decimal(tape.price(day.firstTradeId() - 1), SCALE));
        json.put("lastPrice", decimal(quote.price(), SCALE));
        json.put("lastQty", decimal(quote.size(), SCALE));
        json.put("bidPrice", decimal(quote.bid(), SCALE));
        json.put("bidQty", decimal(quote.bidSize(), SCALE));
        json.put("askPrice", decimal(quote.ask(), SCALE));
        json.put("askQty", decimal(quote.askSize(), SCALE));
        json.put("openPrice", decimal(day.open(), SCALE));
        json.put("highPrice", decimal(day.high(), SCALE));
        json.put("lowPrice", decimal(day.low(), SCALE));
        json.put("volume", decimal(day.volume(), SCALE));
        json.put("quoteVolume", decimal(day.quoteVolume(), SCALE));
        json.put("openTime", closeTime - MILLIS_PER_DAY);
        json.put("closeTime", closeTime);
        json.put("firstId", day.firstTradeId());
        json.put("lastId", day.lastTradeId());
        json.put("count", day.count());
        return Reply.json(200, json).serving(List.of(ServedTick.of(quote)));
    }

    /**
     * Oldest first, at most {@code limit}: from the first kline opening at or after {@code startTime} when it is
     * given, else the latest ones opening at or before {@code endTime} (or now).
     */
    @Override
    Reply candles(Route route, Query query, Instant now) {
        if (query.get("symbol").isEmpty()) {
            return missing("symbol");
        }
        Optional<SimulatedProduct> product = productBySymbol(query.get("symbol").get());
        if (product.isEmpty()) {
            return invalidSymbol();
        }
        if (query.get("interval").isEmpty()) {
            return missing("interval");
        }
        Long interval = INTERVALS.get(query.get("interval").get());
        if (interval == null) {
            return binanceError(-1120, "Invalid interval.");
        }
        Optional<Long> startTime;
        Optional<Long> endTime;
        long limit;
        try {
            startTime = query.get("startTime").map(v -> digits("startTime", v));
            endTime = query.get("endTime").map(v -> digits("endTime", v));
            limit = query.get("limit").map(v -> digits("limit", v)).orElse((long) DEFAULT_LIMIT);
        } catch (IllegalArgumentException e) {
            return binanceError(-1100, e.getMessage());
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            return binanceError(-1130, "Data sent for parameter 'limit' is not valid.");
        }
        TradeTape tape = market.tape(exchange, product.get());
        long lastTrade = tape.lastTradeSecond(now);
        long intervalMillis = interval * 1_000;
        long current = windowOf(lastTrade, interval);
        long newest = endTime.map(ms -> Math.min(current, windowOf(ms, intervalMillis) / 1_000)).orElse(current);
        long oldest;
        if (startTime.isPresent()) {
            oldest = firstWindowFrom(startTime.get(), intervalMillis) / 1_000;
            newest = Math.min(newest, oldest + (limit - 1) * interval);
        } else {
            oldest = newest - (limit - 1) * interval;
        }
        List<List<Object>> rows = new ArrayList<>();
        for (long time = oldest; time <= newest; time += interval) {
            long openTime = time * 1_000;
            tape.window(time, interval, lastTrade).ifPresent(c -> rows.add(List.of(openTime,
                    decimal(c.open(), SCALE), decimal(c.high(), SCALE), decimal(c.low(), SCALE),
                    decimal(c.close(), SCALE), decimal(c.volume(), SCALE), openTime + intervalMillis - 1,
                    decimal(c.quoteVolume(), SCALE), c.count(), decimal(c.takerBuyVolume(), SCALE),
                    decimal(c.takerBuyQuoteVolume(), SCALE), "0")));
        }
        return Reply.json(200, rows);
    }

    /** Binance has no JSON for a path it does not serve. */
    @Override
    Reply notFound() {
        return Reply.html(404, "Not Found");
    }

    @Override
    Reply error(int status, String message) {
        return json(status, -1000, message);
    }

    @Override
    Reply rateLimited() {
        return json(429, -1003,
                "Too many requests; current limit of IP(127.0.0.1) request weight is 6000 per 1 MINUTE.")
                .withHeader("Retry-After", "1");
    }

    private static Reply invalidSymbol() {
        return binanceError(-1121, "Invalid symbol.");
    }

    private static Reply missing(String parameter) {
        return binanceError(-1102,
                "Mandatory parameter '" + parameter + "' was not sent, was empty/null, or malformed.");
    }

    private static Reply binanceError(int code, String message) {
        return json(400, code, message);
    }

    private static Reply json(int status, int code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("msg", message);
        return Reply.json(status, body);
    }

    private static long digits(String parameter, String value) {
        if (!value.matches("[0-9]{1,18}")) {
            throw new IllegalArgumentException("Illegal characters found in parameter '" + parameter
                    + "'; legal range is '^[0-9]{1,20}$'.");
        }
        return Long.parseLong(value);
    }
}
