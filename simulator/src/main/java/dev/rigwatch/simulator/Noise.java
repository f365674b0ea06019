package dev.rigwatch.simulator;

/**
 * Deterministic pseudo-random numbers addressed by (seed, stream, index, use), so any simulated moment (or any
 * request of a fault sequence) can be recomputed without replaying the ones before it. The mixing is SplitMix64's
 * finaliser; String's hash code is specified by the JLS, so results are the same on every JVM.
 */
final class Noise {

    /**
     * Separate streams for the independent draws made for one index. New uses go at the end: an ordinal is part
     * of the address, so reordering would change every number drawn.
     */
    enum Use { PRICE, TRADE_TIME, TRADE_SIZE, SIDE, SPREAD, VENUE_PRICE, BID_DEPTH, ASK_DEPTH, FAULT, LISTINGS }

    private Noise() {
    }

    /**
     * A uniform number in [0, 1).
     *
     * @param stream what is drawn for, e.g. a product id or {@code kraken:BTC-USD}
     * @param index  the position in the stream, e.g. a simulated epoch second or a request number
     */
    static double unit(long seed, String stream, long index, Use use) {
        return (bits(seed, stream, index, use) >>> 11) * 0x1.0p-53;
    }

    /** 64 uniform bits, e.g. to seed a {@link java.util.Random} (whose algorithm the JDK specifies) for many draws. */
    static long bits(long seed, String stream, long index, Use use) {
        long h = mix(seed ^ mix(stream.hashCode() + 0x9E3779B97F4A7C15L * (use.ordinal() + 1)));
        return mix(h ^ index);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
