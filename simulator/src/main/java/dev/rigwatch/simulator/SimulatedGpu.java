package dev.rigwatch.simulator;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * A GPU model traded on the simulated used market ({@link ListingMarket}).
 *
 * @param model             the canonical model name of rigwatch's GPU catalogue, e.g. {@code RTX 3090}
 * @param vramGb            its memory, which sellers state in titles and which decides when its price recovers
 * @param steadyPrice       the typical used asking price in USD while the market is steady
 * @param listingsPerMinute how many listings of it arrive per simulated minute on average while the market is
 *                          steady, on both venues together
 */
public record SimulatedGpu(String model, int vramGb, BigDecimal steadyPrice, double listingsPerMinute) {

    /** Cards with at least this much memory are bought first when the market turns (see {@link ListingMarket}). */
    public static final int HIGH_VRAM_GB = 16;

    public static final SimulatedGpu RTX_3060 = new SimulatedGpu("RTX 3060", 12, new BigDecimal("230"), 0.9);
    public static final SimulatedGpu RTX_3070 = new SimulatedGpu("RTX 3070", 8, new BigDecimal("300"), 0.8);
    public static final SimulatedGpu RTX_3080 = new SimulatedGpu("RTX 3080", 10, new BigDecimal("420"), 0.8);
    public static final SimulatedGpu RTX_3090 = new SimulatedGpu("RTX 3090", 24, new BigDecimal("800"), 0.6);
    public static final SimulatedGpu RTX_4090 = new SimulatedGpu("RTX 4090", 24, new BigDecimal("1600"), 0.35);
    public static final SimulatedGpu RX_6700_XT = new SimulatedGpu("RX 6700 XT", 12, new BigDecimal("260"), 0.45);
    public static final SimulatedGpu RX_6800_XT = new SimulatedGpu("RX 6800 XT", 16, new BigDecimal("420"), 0.4);
    public static final SimulatedGpu A100_80GB = new SimulatedGpu("A100 80GB", 80, new BigDecimal("11000"), 0.05);

    public SimulatedGpu {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(steadyPrice, "steadyPrice");
        if (vramGb <= 0) {
            throw new IllegalArgumentException(model + ": VRAM must be positive, was " + vramGb);
        }
        if (steadyPrice.signum() <= 0) {
            throw new IllegalArgumentException(model + ": the steady price must be positive, was " + steadyPrice);
        }
        if (!(listingsPerMinute > 0) || Double.isInfinite(listingsPerMinute)) {
            throw new IllegalArgumentException(model + ": listings per minute must be a positive number, was "
                    + listingsPerMinute);
        }
    }

    /** The eight models of the default market. */
    public static List<SimulatedGpu> defaults() {
        return List.of(RTX_3060, RTX_3070, RTX_3080, RTX_3090, RTX_4090, RX_6700_XT, RX_6800_XT, A100_80GB);
    }

    /** Whether buyers come back for it first: {@value #HIGH_VRAM_GB} GB or more. */
    public boolean highVram() {
        return vramGb >= HIGH_VRAM_GB;
    }
}
