package dev.rigwatch.simulator;

/**
 * Deterministic pseudo-random numbers addressed by (seed, product, simulated second, use), so any simulated
 * moment can be recomputed without replaying the ones before it. The mixing is SplitMix64's finaliser; String's
 * hash code is specified by the JLS, so results are the same on every JVM.
 */
final class Noise {

    /** Separate streams for the independent draws made for one trade. */
    enum Use { PRICE, TRADE_TIME, TRADE_SIZE, SIDE, SPREAD }

    private Noise() {
    }

    /** A uniform number in [0, 1). */
    static double unit(long seed, String productId, long epochSecond, Use use) {
        long h = mix(seed ^ mix(productId.hashCode() + 0x9E3779B97F4A7C15L * (use.ordinal() + 1)));
        h = mix(h ^ epochSecond);
        return (h >>> 11) * 0x1.0p-53;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
