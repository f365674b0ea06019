package dev.rigwatch.simulator;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * A product the simulator trades.
 *
 * @param id        the exchange's product id, e.g. {@code BTC-USD}
 * @param basePrice the price of the steady phase of each cycle, in quote currency
 * @param volume24h a typical 24-hour volume in base currency; the quoted volume swings around it over the day
 */
public record SimulatedProduct(String id, BigDecimal basePrice, BigDecimal volume24h) {

    public static final SimulatedProduct BTC_USD =
            new SimulatedProduct("BTC-USD", new BigDecimal("60000.00"), new BigDecimal("12000"));
    public static final SimulatedProduct ETH_USD =
            new SimulatedProduct("ETH-USD", new BigDecimal("3000.00"), new BigDecimal("150000"));

    public SimulatedProduct {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(basePrice, "basePrice");
        Objects.requireNonNull(volume24h, "volume24h");
        if (id.isBlank() || id.contains("/")) {
            throw new IllegalArgumentException("product id must be a non-blank path segment: '" + id + "'");
        }
        if (basePrice.signum() <= 0 || volume24h.signum() <= 0) {
            throw new IllegalArgumentException(id + ": base price and volume must be positive");
        }
    }

    /** The products the simulator serves unless told otherwise: BTC-USD and ETH-USD. */
    public static List<SimulatedProduct> defaults() {
        return List.of(BTC_USD, ETH_USD);
    }
}
