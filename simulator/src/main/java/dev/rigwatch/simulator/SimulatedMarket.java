package dev.rigwatch.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The simulated exchange: products trading along a {@link PricePath} in {@link SimulatedClock} time, one trade
 * per simulated second. Every quote is computed from the simulated time alone (nothing is accumulated), so two
 * requests within one simulated second see the same last trade, like the real API.
 */
public final class SimulatedMarket {

    /** The seed of the default market, so every default run serves the same prices. */
    public static final long DEFAULT_SEED = 20231124L;

    private static final BigDecimal CENT = new BigDecimal("0.01");
    private static final int MAX_SPREAD_CENTS = 3;
    private static final double SECONDS_PER_DAY = 86_400;
    /** The quoted 24 h volume swings this much around the product's typical volume over a simulated day. */
    private static final double VOLUME_SWING = 0.15;

    private final SimulatedClock clock;
    private final PricePath path;
    private final Map<String, SimulatedProduct> products = new LinkedHashMap<>();

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
    }

    /** BTC-USD and ETH-USD with the default seed, starting a day ago at 60x. */
    public static SimulatedMarket defaults(Clock real) {
        return new SimulatedMarket(SimulatedClock.startingDayAgo(real), new PricePath(DEFAULT_SEED),
                SimulatedProduct.defaults());
    }

    public Set<String> productIds() {
        return Collections.unmodifiableSet(products.keySet());
    }

    public SimulatedClock clock() {
        return clock;
    }

    public PricePath path() {
        return path;
    }

    /** The product's ticker now, or empty for a product this market does not list. */
    public Optional<Quote> quote(String productId) {
        SimulatedProduct product = products.get(productId);
        return product == null ? Optional.empty() : Optional.of(quoteAt(product, clock.now()));
    }

    /** The ticker as of simulated time {@code now}: the last trade at or before it. */
    Quote quoteAt(SimulatedProduct product, Instant now) {
        long second = now.getEpochSecond();
        Instant tradeTime = tradeTime(product, second);
        if (tradeTime.isAfter(now)) {
            second--;
            tradeTime = tradeTime(product, second);
        }
        BigDecimal price = path.price(product, second);
        BigDecimal spread = CENT.multiply(BigDecimal.valueOf(
                1 + (int) (unit(product, second, Noise.Use.SPREAD) * MAX_SPREAD_CENTS)));
        boolean buyerTookTheAsk = unit(product, second, Noise.Use.SIDE) < 0.5;
        BigDecimal bid = buyerTookTheAsk ? price.subtract(spread) : price;
        BigDecimal ask = buyerTookTheAsk ? price : price.add(spread);
        return new Quote(product.id(), second, tradeTime, price, tradeSize(product, second), bid, ask,
                volume24h(product, second));
    }

    /** The trade of simulated second {@code second} happens at a seeded microsecond within it. */
    private Instant tradeTime(SimulatedProduct product, long second) {
        long micros = (long) (unit(product, second, Noise.Use.TRADE_TIME) * 1_000_000);
        return Instant.ofEpochSecond(second, micros * 1_000);
    }

    /** Between 0.1 and 2 times the average volume per second, so a day of trades adds up to about the volume. */
    private BigDecimal tradeSize(SimulatedProduct product, long second) {
        double factor = 0.1 + 1.9 * unit(product, second, Noise.Use.TRADE_SIZE);
        return product.volume24h()
                .multiply(BigDecimal.valueOf(factor / SECONDS_PER_DAY))
                .setScale(8, RoundingMode.HALF_EVEN)
                .max(new BigDecimal("0.00000001"));
    }

    private static BigDecimal volume24h(SimulatedProduct product, long second) {
        double dayPhase = Math.floorMod(second, (long) SECONDS_PER_DAY) / SECONDS_PER_DAY;
        return product.volume24h()
                .multiply(BigDecimal.valueOf(1 + VOLUME_SWING * Math.sin(2 * Math.PI * dayPhase)))
                .setScale(8, RoundingMode.HALF_EVEN);
    }

    private double unit(SimulatedProduct product, long second, Noise.Use use) {
        return Noise.unit(path.seed(), product.id(), second, use);
    }
}
