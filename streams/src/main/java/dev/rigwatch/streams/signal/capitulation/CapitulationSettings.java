package dev.rigwatch.streams.signal.capitulation;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Parameters of the miner capitulation signal.
 *
 * <p>{@code coinPerMhDay}: the ETH one MH/s of hash rate earned per day is the daily issuance to miners divided by the
 * network hash rate. In late 2021 about 6,450 blocks a day paid 2 ETH each plus roughly 0.5 ETH of priority fees per
 * block, some 14,000 ETH a day, to a network of about 1 PH/s (10⁹ MH/s): about 1.4e-5 ETH per MH/s per day, and the
 * mining calculators of the time showed 1.3e-5 to 1.4e-5. The default 1.35e-5 is that; by mid-2022 the network had
 * grown to about 1.1 PH/s and fees had fallen, so the true figure then was nearer 1.2e-5, which makes the cards
 * slightly less profitable than this default says.
 *
 * @param instrument           the daily candles whose close prices the coin ({@value #DEFAULT_INSTRUMENT})
 * @param coinPerMhDay         coins earned per MH/s per day (default 0.0000135, see above); positive
 * @param electricityUsdPerKwh electricity price in USD per kWh (default 0.12, about the US average of 2021–2022);
 *                             not negative
 */
public record CapitulationSettings(String instrument, BigDecimal coinPerMhDay, BigDecimal electricityUsdPerKwh) {

    public static final String DEFAULT_INSTRUMENT = "coinbase:ETH-USD";
    public static final BigDecimal DEFAULT_COIN_PER_MH_DAY = new BigDecimal("0.0000135");
    public static final BigDecimal DEFAULT_ELECTRICITY_USD_PER_KWH = new BigDecimal("0.12");

    public CapitulationSettings {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(coinPerMhDay, "coinPerMhDay");
        Objects.requireNonNull(electricityUsdPerKwh, "electricityUsdPerKwh");
        if (instrument.indexOf(':') <= 0 || instrument.endsWith(":")) {
            throw new IllegalArgumentException("capitulation instrument must be exchange:SYMBOL, got '" + instrument + "'");
        }
        if (coinPerMhDay.signum() <= 0) {
            throw new IllegalArgumentException("capitulation coinPerMhDay must be positive, got " + coinPerMhDay);
        }
        if (electricityUsdPerKwh.signum() < 0) {
            throw new IllegalArgumentException(
                    "capitulation electricityUsdPerKwh must not be negative, got " + electricityUsdPerKwh);
        }
    }

    public static CapitulationSettings defaults() {
        return new CapitulationSettings(DEFAULT_INSTRUMENT, DEFAULT_COIN_PER_MH_DAY, DEFAULT_ELECTRICITY_USD_PER_KWH);
    }

    public CapitulationSettings withElectricityUsdPerKwh(BigDecimal price) {
        return new CapitulationSettings(instrument, coinPerMhDay, price);
    }
}
