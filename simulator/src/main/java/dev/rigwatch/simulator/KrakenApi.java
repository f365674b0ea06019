package dev.rigwatch.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * Kraken's {@code GET /0/public/Ticker?pair=XBTUSD}, {@code GET /0/public/OHLC?pair=XBTUSD&interval=1&since=S} and
 * {@code GET /0/public/AssetPairs}.
 * Kraken answers errors, its rate limit included, with HTTP 200 and a non-empty {@code error} array; results are
 * keyed by its own pair names ({@code XXBTZUSD}), which it also accepts in requests. Its ticker carries no trade
 * id and no time.
 */
final class KrakenApi extends ExchangeApi {

    static final String CONTEXT = "/0/public/";
    static final int MAX_CANDLES = 720;
    /** Interval lengths in minutes. */
    static final Set<Long> INTERVALS = Set.of(1L, 5L, 15L, 30L, 60L, 240L, 1440L, 10080L, 21600L);

    /** Assets Kraken listed early, whose pair names carry X (crypto) and Z (fiat) prefixes: XXBTZUSD, not XBTUSD. */
    private static final Set<String> LEGACY_CRYPTO = Set.of("XBT", "ETH", "LTC", "XRP", "XLM", "ETC", "XMR", "ZEC");
    private static final Set<String> LEGACY_FIAT = Set.of("USD", "EUR", "GBP", "JPY", "CAD");
    /** The ticker's prices always have five decimals, whatever the pair's precision: {@code "37415.10000"}. */
    private static final int TICKER_PRICE_SCALE = 5;
    private static final int VOLUME_SCALE = 8;
    private static final int LOT_SCALE = 3;
    private static final List<Integer> LEVERAGE = List.of(2, 3, 4, 5);
    /** Kraken's fee schedule: [30-day volume in USD, fee in percent]. */
    private static final List<List<Number>> TAKER_FEES = List.of(List.of(0, 0.40), List.of(10_000, 0.35),
            List.of(50_000, 0.24), List.of(100_000, 0.22), List.of(250_000, 0.20), List.of(500_000, 0.18));
    private static final List<List<Number>> MAKER_FEES = List.of(List.of(0, 0.25), List.of(10_000, 0.20),
            List.of(50_000, 0.14), List.of(100_000, 0.12), List.of(250_000, 0.10), List.of(500_000, 0.08));

    KrakenApi(SimulatedMarket market, FaultPlan faults, ScheduledExecutorService delayer,
              Consumer<ServedTick> onServed) {
        super(SimulatedExchange.KRAKEN, CONTEXT, market, faults, delayer, onServed);
    }

    @Override
    Optional<Route> route(String path) {
        return fixedPaths(path, "/0/public/Ticker", "/0/public/OHLC");
    }

    @Override
    String instrumentsPath() {
        return "/0/public/AssetPairs";
    }

    /** Every pair under its result key, with its request name ({@code altname}) and prefixed asset codes. */
    @Override
    Reply instruments(Instant now) {
        Map<String, Object> result = new LinkedHashMap<>();
        for (SimulatedProduct product : listedProducts()) {
            String base = SimulatedExchange.krakenAsset(product.baseAsset());
            String quote = SimulatedExchange.krakenAsset(product.quoteAsset());
            int scale = exchange.priceScale(product);
            Map<String, Object> pair = new LinkedHashMap<>();
            pair.put("altname", exchange.symbol(product));
            pair.put("wsname", base + "/" + quote);
            pair.put("aclass_base", "currency");
            pair.put("base", assetCode(base));
            pair.put("aclass_quote", "currency");
            pair.put("quote", assetCode(quote));
            pair.put("lot", "unit");
            pair.put("cost_decimals", TICKER_PRICE_SCALE);
            pair.put("pair_decimals", scale);
            pair.put("lot_decimals", VOLUME_SCALE);
            pair.put("lot_multiplier", 1);
            pair.put("leverage_buy", LEVERAGE);
            pair.put("leverage_sell", LEVERAGE);
            pair.put("fees", TAKER_FEES);
            pair.put("fees_maker", MAKER_FEES);
            pair.put("fee_volume_currency", "ZUSD");
            pair.put("margin_call", 80);
            pair.put("margin_stop", 40);
            pair.put("ordermin", "0.0001");
            pair.put("costmin", "0.5");
            pair.put("tick_size", increment(scale));
            pair.put("status", "online");
            pair.put("long_position_limit", 250);
            pair.put("short_position_limit", 150);
            result.put(pairName(product), pair);
        }
        return ok(result);
    }

    /** One pair or several, comma-separated; no {@code pair} asks for every listed one, as on Kraken. */
    @Override
    Reply ticker(Route route, Query query, Instant now) {
        List<SimulatedProduct> products = new ArrayList<>();
        if (query.get("pair").isEmpty()) {
            products.addAll(market.products());
        } else {
            for (String pair : query.get("pair").get().split(",")) {
                Optional<SimulatedProduct> product = product(pair);
                if (product.isEmpty()) {
                    return error(200, "EQuery:Unknown asset pair");
                }
                products.add(product.get());
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        List<ServedTick> served = new ArrayList<>();
        for (SimulatedProduct product : products) {
            Quote quote = market.tape(exchange, product).quoteAt(now);
            result.put(pairName(product), tickerJson(quote));
            served.add(ServedTick.of(quote));
        }
        return ok(result).serving(served);
    }

    /**
     * Up to {@value #MAX_CANDLES} of the most recent candles, those after {@code since} when it is given; the last
     * one is the current, not yet committed, candle, present whatever {@code since} says. {@code last} is the start
     * of the last committed candle, the {@code since} of the next poll.
     */
    @Override
    Reply candles(Route route, Query query, Instant now) {
        Optional<SimulatedProduct> product = query.get("pair").flatMap(this::product);
        if (product.isEmpty()) {
            return error(200, query.get("pair").isEmpty() ? "EGeneral:Invalid arguments" : "EQuery:Unknown asset pair");
        }
        long intervalMinutes;
        Optional<Long> since;
        try {
            intervalMinutes = query.get("interval").map(Long::parseLong).orElse(1L);
            since = query.get("since").map(Long::parseLong);
        } catch (NumberFormatException e) {
            return error(200, "EGeneral:Invalid arguments");
        }
        if (!INTERVALS.contains(intervalMinutes)) {
            return error(200, "EGeneral:Invalid arguments:interval");
        }
        long interval = intervalMinutes * 60;
        TradeTape tape = market.tape(exchange, product.get());
        int scale = exchange.priceScale(product.get());
        long lastTrade = tape.lastTradeSecond(now);
        long current = windowOf(lastTrade, interval);
        List<List<Object>> rows = new ArrayList<>();
        for (long time = current - (MAX_CANDLES - 1) * interval; time <= current; time += interval) {
            if (time != current && since.isPresent() && time <= since.get()) {
                continue;
            }
            long windowStart = time;
            tape.window(time, interval, lastTrade).ifPresent(c -> rows.add(List.of(windowStart,
                    c.open().toPlainString(), c.high().toPlainString(), c.low().toPlainString(),
                    c.close().toPlainString(), c.vwap(scale).toPlainString(), decimal(c.volume(), VOLUME_SCALE),
                    c.count())));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put(pairName(product.get()), rows);
        result.put("last", current - interval);
        return ok(result);
    }

    @Override
    Reply notFound() {
        return error(404, "EGeneral:Unknown method");
    }

    @Override
    Reply error(int status, String message) {
        return Reply.json(status, Map.of("error", List.of(message)));
    }

    /** Kraken's rate limit is an error like any other: HTTP 200, no {@code Retry-After}. */
    @Override
    Reply rateLimited() {
        return error(200, "EAPI:Rate limit exceeded");
    }

    private static Reply ok(Map<String, Object> result) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", List.of());
        body.put("result", result);
        return Reply.json(200, body);
    }

    private static Map<String, Object> tickerJson(Quote quote) {
        TradeStats today = quote.today();
        TradeStats day = quote.last24h();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("a", List.of(price(quote.ask()), wholeLots(quote.askSize()), lots(quote.askSize())));
        json.put("b", List.of(price(quote.bid()), wholeLots(quote.bidSize()), lots(quote.bidSize())));
        json.put("c", List.of(price(quote.price()), decimal(quote.size(), VOLUME_SCALE)));
        json.put("v", List.of(decimal(today.volume(), VOLUME_SCALE), decimal(day.volume(), VOLUME_SCALE)));
        json.put("p", List.of(today.vwap(TICKER_PRICE_SCALE).toPlainString(),
                day.vwap(TICKER_PRICE_SCALE).toPlainString()));
        json.put("t", List.of(today.count(), day.count()));
        json.put("l", List.of(price(today.low()), price(day.low())));
        json.put("h", List.of(price(today.high()), price(day.high())));
        json.put("o", price(today.open()));
        return json;
    }

    /** By Kraken's request name ({@code XBTUSD}) or its result key ({@code XXBTZUSD}), in any case. */
    private Optional<SimulatedProduct> product(String pair) {
        String wanted = pair.strip().toUpperCase(Locale.ROOT);
        return market.products().stream()
                .filter(p -> exchange.symbol(p).equals(wanted) || pairName(p).equals(wanted))
                .findFirst();
    }

    /** Kraken's key for the pair in results: {@code XXBTZUSD}, {@code XETHZUSD}; {@code SOLUSD} for newer assets. */
    static String pairName(SimulatedProduct product) {
        String base = SimulatedExchange.krakenAsset(product.baseAsset());
        String quote = SimulatedExchange.krakenAsset(product.quoteAsset());
        boolean legacy = LEGACY_CRYPTO.contains(base)
                && (LEGACY_FIAT.contains(quote) || LEGACY_CRYPTO.contains(quote));
        return legacy ? "X" + base + (LEGACY_FIAT.contains(quote) ? "Z" : "X") + quote : base + quote;
    }

    /** Kraken's code of an asset in AssetPairs: legacy ones prefixed, {@code XXBT} and {@code ZUSD}; {@code USDT} as is. */
    static String assetCode(String asset) {
        return LEGACY_CRYPTO.contains(asset) ? "X" + asset : LEGACY_FIAT.contains(asset) ? "Z" + asset : asset;
    }

    private static String price(BigDecimal price) {
        return decimal(price, TICKER_PRICE_SCALE);
    }

    /** The size at a price level in whole lots, rounded up: {@code "1"} for 0.53. */
    private static String wholeLots(BigDecimal size) {
        return size.setScale(0, RoundingMode.CEILING).toPlainString();
    }

    private static String lots(BigDecimal size) {
        return size.setScale(LOT_SCALE, RoundingMode.CEILING).toPlainString();
    }
}
