package dev.rigwatch.simulator;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The simulated market: products trading on every {@link SimulatedExchange} along one {@link PricePath} in
 * {@link SimulatedClock} time, one trade per exchange, product and simulated second. Every trade is computed from
 * the simulated second alone (nothing is accumulated), so two requests within one simulated second see the same
 * last trade, like the real APIs, and a test can recompute anything that was served.
 */
public final class SimulatedMarket {

    /** The seed of the default market, so every default run serves the same prices. */
    public static final long DEFAULT_SEED = 20231124L;
    /**
     * How much history the exchanges have when the simulation starts. Like a pair's listing date it bounds what
     * candles exist, and so what a request for old daily or weekly candles costs to compute.
     */
    public static final Duration HISTORY = Duration.ofDays(30);

    private final SimulatedClock clock;
    private final PricePath path;
    private final Instant openedAt;
    private final Map<String, SimulatedProduct> products = new LinkedHashMap<>();
    private final Map<SimulatedExchange, Map<String, TradeTape>> tapes = new EnumMap<>(SimulatedExchange.class);

    public SimulatedMarket(SimulatedClock clock, PricePath path, List<SimulatedProduct> products) {
        this.clock = clock;
        this.path = path;
        for (SimulatedProduct product : products) {
            if (this.products.put(product.id(), product) != null) {
                throw new IllegalArgumentException("product " + product.id() + " is listed twice");
            }
        }
        if (this.products.isEmpty()) {
            throw new IllegalArgumentException("a market needs at least one product");
        }
        this.openedAt = clock.start().minus(HISTORY).truncatedTo(ChronoUnit.DAYS);
        for (SimulatedExchange exchange : SimulatedExchange.values()) {
            Map<String, TradeTape> byProduct = new LinkedHashMap<>();
            for (SimulatedProduct product : products) {
                byProduct.put(product.id(), new TradeTape(exchange, product, path, openedAt.getEpochSecond()));
            }
            tapes.put(exchange, byProduct);
        }
    }

    /** BTC-USD and ETH-USD with the default seed, starting a day ago at 60x. */
    public static SimulatedMarket defaults(Clock real) {
        return new SimulatedMarket(SimulatedClock.startingDayAgo(real), new PricePath(DEFAULT_SEED),
                SimulatedProduct.defaults());
    }

    /**
     * The default products and seed from the top of the hour a day ago (so the script starts at its steady phase),
     * held there until the simulator serves: stages started before it must not miss the start of the script.
     */
    public static SimulatedMarket heldFromHourDayAgo(Clock real, double speed) {
        return held(real, real.instant().minus(SimulatedClock.DEFAULT_HEAD_START).truncatedTo(ChronoUnit.HOURS), speed);
    }

    /** The default products and seed from {@code start}, held there until the simulator serves. */
    public static SimulatedMarket held(Clock real, Instant start, double speed) {
        return new SimulatedMarket(SimulatedClock.held(real, start, speed), new PricePath(DEFAULT_SEED),
                SimulatedProduct.defaults());
    }

    public Set<String> productIds() {
        return Collections.unmodifiableSet(products.keySet());
    }

    public Collection<SimulatedProduct> products() {
        return Collections.unmodifiableCollection(products.values());
    }

    public SimulatedClock clock() {
        return clock;
    }

    public PricePath path() {
        return path;
    }

    /** The first trade's second: the start of the UTC day {@link #HISTORY} before the simulation starts. */
    public Instant openedAt() {
        return openedAt;
    }

    /** {@code exchange}'s ticker of the product now, or empty for a product this market does not list. */
    public Optional<Quote> quote(SimulatedExchange exchange, String productId) {
        return Optional.ofNullable(tapes.get(exchange).get(productId)).map(tape -> tape.quoteAt(clock.now()));
    }

    /** The price of {@code exchange}'s trade in {@code product} in simulated second {@code epochSecond}. */
    public BigDecimal price(SimulatedExchange exchange, SimulatedProduct product, long epochSecond) {
        return tape(exchange, product).price(epochSecond);
    }

    /**
     * {@code exchange}'s trades in {@code product} from simulated second {@code first} to {@code last}, both
     * included: what a candle over them shows, whether or not that time has come yet.
     */
    public TradeStats stats(SimulatedExchange exchange, SimulatedProduct product, long first, long last) {
        return tape(exchange, product).stats(first, last);
    }

    TradeTape tape(SimulatedExchange exchange, SimulatedProduct product) {
        TradeTape tape = tapes.get(exchange).get(product.id());
        if (tape == null) {
            throw new IllegalArgumentException("this market does not list " + product.id());
        }
        return tape;
    }
}
