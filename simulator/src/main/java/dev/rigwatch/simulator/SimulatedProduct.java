package dev.rigwatch.simulator;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A product the simulator trades.
 *
 * @param id        the product id, {@code BASE-QUOTE} as Coinbase writes it, e.g. {@code BTC-USD}; each exchange
 *                  derives its own symbol from it (see {@link SimulatedExchange#symbol})
 * @param basePrice the price of the steady phase of each cycle, in quote currency
 * @param volume24h a typical 24-hour volume in base currency on Coinbase; the other exchanges scale it by their
 *                  {@link SimulatedExchange#volumeShare() share} of the market
 */
public record SimulatedProduct(String id, BigDecimal basePrice, BigDecimal volume24h) {

    /** Declared before the constants below, which the constructor validates with it. */
    private static final Pattern ID = Pattern.compile("[A-Z0-9]+-[A-Z0-9]+");

    public static final SimulatedProduct BTC_USD =
            new SimulatedProduct("BTC-USD", new BigDecimal("60000.00"), new BigDecimal("12000"));
    public static final SimulatedProduct ETH_USD =
            new SimulatedProduct("ETH-USD", new BigDecimal("3000.00"), new BigDecimal("150000"));

    public SimulatedProduct {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(basePrice, "basePrice");
        Objects.requireNonNull(volume24h, "volume24h");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("product id must be BASE-QUOTE in capitals, e.g. BTC-USD: '" + id + "'");
        }
        if (basePrice.signum() <= 0 || volume24h.signum() <= 0) {
            throw new IllegalArgumentException(id + ": base price and volume must be positive");
        }
    }

    /** The asset bought and sold, e.g. {@code BTC}. */
    public String baseAsset() {
        return id.substring(0, id.indexOf('-'));
    }

    /** The asset prices are in, e.g. {@code USD}. */
    public String quoteAsset() {
        return id.substring(id.indexOf('-') + 1);
    }

    /** The products the simulator serves unless told otherwise: BTC-USD and ETH-USD. */
    public static List<SimulatedProduct> defaults() {
        return List.of(BTC_USD, ETH_USD);
    }
}
