package dev.rigwatch.simulator;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * The scripted market: a deterministic price for every product and simulated second, so a run can be replayed
 * and a test can recompute any price the simulator served.
 *
 * <p>Every simulated hour (from :00 UTC) runs the same cycle, as a multiple of the product's base price:
 * <pre>
 *   :00-:15  steady      1.0
 *   :15-:30  crash       down 28 % to 0.72
 *   :30-:40  bottom      0.72
 *   :40-:50  rebound     up 20 % from the bottom, to 0.864
 *   :50-:57  plateau     0.864
 *   :57-:60  return      back to 1.0
 * </pre>
 * The return closes the cycle without a jump (a one-tick +16 % move would be a price no market shows). Moves are
 * eased (cosine) rather than linear so 1-minute candles look like a market, not a ramp. On top of the trend each
 * second gets a seeded jitter of at most {@value #NOISE_FRACTION} of the price; prices are rounded to cents.
 *
 * <p>All exchanges follow this one path, so all show the crash and the rebound: Coinbase serves it as it is, the
 * others with their own small offset and noise on top (see {@link SimulatedExchange}).
 */
public final class PricePath {

    public static final Duration CYCLE = Duration.ofHours(1);
    /** Fraction of the steady price lost in the crash. */
    public static final double CRASH_DEPTH = 0.28;
    /** Fraction gained from the bottom in the rebound. */
    public static final double REBOUND_HEIGHT = 0.20;
    /** Largest relative deviation of a price from the trend. */
    public static final double NOISE_FRACTION = 0.001;

    private static final double BOTTOM = 1 - CRASH_DEPTH;
    private static final double PLATEAU = BOTTOM * (1 + REBOUND_HEIGHT);

    private static final int CRASH_START = 15 * 60;
    private static final int BOTTOM_START = 30 * 60;
    private static final int REBOUND_START = 40 * 60;
    private static final int PLATEAU_START = 50 * 60;
    private static final int RETURN_START = 57 * 60;
    private static final int CYCLE_SECONDS = (int) CYCLE.toSeconds();

    private final long seed;

    public PricePath(long seed) {
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    /**
     * The price of {@code product}'s trade in simulated second {@code epochSecond}, in cents: the reference price,
     * which Coinbase serves as it is and the other exchanges offset (see {@link SimulatedExchange}).
     */
    public BigDecimal price(SimulatedProduct product, long epochSecond) {
        double cents = product.basePrice().movePointRight(2).doubleValue() * factor(product, epochSecond);
        return BigDecimal.valueOf(Math.round(cents), 2);
    }

    /** The multiple of {@code product}'s base price at {@code epochSecond}: the trend with this path's jitter. */
    double factor(SimulatedProduct product, long epochSecond) {
        double jitter = (2 * Noise.unit(seed, product.id(), epochSecond, Noise.Use.PRICE) - 1) * NOISE_FRACTION;
        return trend(epochSecond) * (1 + jitter);
    }

    /** The noise-free multiple of the base price at {@code epochSecond}: 1.0 when steady, 0.72 at the bottom. */
    public static double trend(long epochSecond) {
        int s = (int) Math.floorMod(epochSecond, (long) CYCLE_SECONDS);
        if (s < CRASH_START) {
            return 1.0;
        }
        if (s < BOTTOM_START) {
            return 1.0 - CRASH_DEPTH * ease(s, CRASH_START, BOTTOM_START);
        }
        if (s < REBOUND_START) {
            return BOTTOM;
        }
        if (s < PLATEAU_START) {
            return BOTTOM * (1 + REBOUND_HEIGHT * ease(s, REBOUND_START, PLATEAU_START));
        }
        if (s < RETURN_START) {
            return PLATEAU;
        }
        return PLATEAU + (1.0 - PLATEAU) * ease(s, RETURN_START, CYCLE_SECONDS);
    }

    /** Progress from 0 to 1 through [from, to), slow at both ends. */
    static double ease(int s, int from, int to) {
        double x = (double) (s - from) / (to - from);
        return (1 - Math.cos(Math.PI * x)) / 2;
    }
}
