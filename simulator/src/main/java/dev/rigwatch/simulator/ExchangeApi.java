package dev.rigwatch.simulator;

import com.sun.net.httpserver.HttpExchange;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the four exchange APIs share: routing to a ticker, candle or instrument-listing endpoint, GET only, and reporting every ticker
 * sent in full as a {@link ServedTick}. A subclass speaks one exchange's paths, parameters, formats and errors. The
 * wire shapes are this module's own rather than shared with the ingest clients, so a format mistake on one side is
 * caught by the other's tests.
 */
abstract class ExchangeApi extends SimulatedApi {

    private static final Logger log = LoggerFactory.getLogger(ExchangeApi.class);

    enum Endpoint { TICKER, CANDLES, INSTRUMENTS }

    /** Where a request path leads: an endpoint, and the product symbol when the path carries one. */
    record Route(Endpoint endpoint, String pathSymbol) {
    }

    protected final SimulatedExchange exchange;
    protected final SimulatedMarket market;
    private final String context;
    private final Consumer<ServedTick> onServed;

    /** @param context the path prefix this exchange's endpoints share */
    ExchangeApi(SimulatedExchange exchange, String context, SimulatedMarket market, FaultPlan faults,
                ScheduledExecutorService delayer, Consumer<ServedTick> onServed) {
        super(faults, delayer);
        this.exchange = exchange;
        this.context = context;
        this.market = market;
        this.onServed = onServed;
    }

    @Override
    final List<String> contexts() {
        return List.of(context);
    }

    /** The route of an API whose two endpoints are fixed paths, with the symbol in the query. */
    static Optional<Route> fixedPaths(String path, String tickerPath, String candlesPath) {
        return path.equals(tickerPath) ? Optional.of(new Route(Endpoint.TICKER, null))
                : path.equals(candlesPath) ? Optional.of(new Route(Endpoint.CANDLES, null)) : Optional.empty();
    }

    /** The route of an API with the symbol in the path: {@code pattern}'s groups name the endpoint and symbol. */
    static Optional<Route> symbolInPath(Pattern pattern, String path, int endpointGroup, String tickerEndpoint,
                                        int symbolGroup) {
        Matcher m = pattern.matcher(path);
        if (!m.matches()) {
            return Optional.empty();
        }
        Endpoint endpoint = m.group(endpointGroup).equals(tickerEndpoint) ? Endpoint.TICKER : Endpoint.CANDLES;
        return Optional.of(new Route(endpoint, m.group(symbolGroup)));
    }

    /** Where {@code path} leads among the ticker and candle endpoints, or nothing for a path they do not have. */
    abstract Optional<Route> route(String path);

    /** The path of the exchange's listing of its instruments, e.g. {@code /0/public/AssetPairs}. */
    abstract String instrumentsPath();

    /** The instruments this exchange lists: one per simulated product, in the exchange's own format. */
    abstract Reply instruments(Instant now);

    abstract Reply ticker(Route route, Query query, Instant now);

    abstract Reply candles(Route route, Query query, Instant now);

    /** The name of an endpoint's fault sequence in the {@link FaultPlan}, e.g. {@code kraken ticker}. */
    static String faultStream(SimulatedExchange exchange, Endpoint endpoint) {
        return exchange.id() + " " + endpoint.name().toLowerCase(Locale.ROOT);
    }

    @Override
    final Optional<Operation> operation(String path) {
        Optional<Route> route = path.equals(instrumentsPath()) ? Optional.of(new Route(Endpoint.INSTRUMENTS, null))
                : route(path);
        return route.map(to -> new Operation("GET", faultStream(exchange, to.endpoint()), http -> answer(http, to)));
    }

    private Reply answer(HttpExchange http, Route route) {
        Query query;
        try {
            query = Query.parse(http.getRequestURI().getRawQuery());
        } catch (IllegalArgumentException e) {
            return error(400, "Malformed query string");
        }
        Instant now = market.clock().now();
        return switch (route.endpoint()) {
            case TICKER -> ticker(route, query, now);
            case CANDLES -> candles(route, query, now);
            case INSTRUMENTS -> instruments(now);
        };
    }

    @Override
    final void sent(Reply reply, Duration delay) {
        for (ServedTick tick : reply.served()) {
            try {
                onServed.accept(delay.isZero() ? tick : tick.delayedBy(delay));
            } catch (RuntimeException e) {
                log.error("The served-tick listener failed on {}", tick, e);
            }
        }
    }

    /** {@code value} with exactly {@code scale} decimals, as exchanges write decimal strings. */
    static String decimal(BigDecimal value, int scale) {
        return value.setScale(scale, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** The change from {@code from} to {@code to} in percent, with {@code scale} decimals. */
    static String percentChange(BigDecimal from, BigDecimal to, int scale) {
        return to.subtract(from).multiply(BigDecimal.valueOf(100)).divide(from, scale, RoundingMode.HALF_EVEN)
                .toPlainString();
    }

    /** The start of the window of {@code length} seconds that holds {@code second}. */
    static long windowOf(long second, long length) {
        return Math.floorDiv(second, length) * length;
    }

    /** The start of the first window of {@code length} seconds that starts at or after {@code second}. */
    static long firstWindowFrom(long second, long length) {
        return -Math.floorDiv(-second, length) * length;
    }

    /** The current quote of the product the exchange lists as {@code symbol}, if it lists one. */
    Optional<Quote> quoteOf(String symbol, Instant now) {
        return productBySymbol(symbol).map(product -> market.tape(exchange, product).quoteAt(now));
    }

    /**
     * The products this exchange lists, one per symbol of its own: Binance quotes both BTC-USD and BTC-USDT as
     * {@code BTCUSDT}, and serves the first.
     */
    List<SimulatedProduct> listedProducts() {
        Map<String, SimulatedProduct> bySymbol = new LinkedHashMap<>();
        market.products().forEach(p -> bySymbol.putIfAbsent(exchange.symbol(p), p));
        return List.copyOf(bySymbol.values());
    }

    /** {@code 10^-scale} as a decimal string: {@code 0.01} for 2. */
    static String increment(int scale) {
        return BigDecimal.ONE.movePointLeft(scale).toPlainString();
    }

    /** The listed product whose symbol on this exchange is {@code symbol}. */
    Optional<SimulatedProduct> productBySymbol(String symbol) {
        return market.products().stream().filter(p -> exchange.symbol(p).equals(symbol)).findFirst();
    }
}
