package dev.rigwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PricePathTest {

    /** 2023-11-14T22:00:00Z: the start of a cycle. */
    private static final long HOUR = 1_699_999_200L;
    private static final PricePath PATH = new PricePath(SimulatedMarket.DEFAULT_SEED);

    @Test
    void trendFollowsTheScriptedPhases() {
        assertThat(PricePath.trend(HOUR)).isEqualTo(1.0);
        assertThat(PricePath.trend(HOUR + minutes(15))).isEqualTo(1.0);
        assertThat(PricePath.trend(HOUR + minutes(22) + 30)).isCloseTo(0.86, within(1e-12));
        assertThat(PricePath.trend(HOUR + minutes(30))).isCloseTo(0.72, within(1e-12));
        assertThat(PricePath.trend(HOUR + minutes(39) + 59)).isCloseTo(0.72, within(1e-12));
        assertThat(PricePath.trend(HOUR + minutes(45))).isCloseTo(0.792, within(1e-12));
        assertThat(PricePath.trend(HOUR + minutes(50))).isCloseTo(0.864, within(1e-12));
        assertThat(PricePath.trend(HOUR + minutes(56) + 59)).isCloseTo(0.864, within(1e-12));
        assertThat(PricePath.trend(HOUR + minutes(58) + 30)).isCloseTo(0.932, within(1e-12));
    }

    @Test
    void trendRepeatsEveryHourWithoutAJumpAtTheSeam() {
        for (long s = HOUR; s < HOUR + minutes(60); s++) {
            assertThat(PricePath.trend(s + minutes(60))).isEqualTo(PricePath.trend(s));
        }
        double largestStep = 0;
        for (long s = HOUR; s <= HOUR + minutes(60); s++) {
            largestStep = Math.max(largestStep, Math.abs(PricePath.trend(s) - PricePath.trend(s - 1)));
        }
        // the steepest second is mid-return: 0.136 * pi / 2 / 180 s
        assertThat(largestStep).isCloseTo(0.136 * Math.PI / 2 / 180, within(1e-6));
        assertThat(PricePath.trend(HOUR) - PricePath.trend(HOUR - 1)).isBetween(0.0, 1e-4);
    }

    @Test
    void crashIsAbout28PercentAndReboundAbout20PercentFromTheBottom() {
        List<BigDecimal> steady = prices(SimulatedProduct.BTC_USD, 0, 15);
        List<BigDecimal> bottom = prices(SimulatedProduct.BTC_USD, 30, 40);
        List<BigDecimal> plateau = prices(SimulatedProduct.BTC_USD, 50, 57);

        double steadyHigh = max(steady).doubleValue();
        double bottomLow = min(bottom).doubleValue();
        double plateauHigh = max(plateau).doubleValue();
        // noise is at most 0.1 % of the price either way
        assertThat(steadyHigh).isBetween(60_000.0, 60_060.0);
        assertThat(bottomLow).isBetween(43_156.8, 43_200.0);
        assertThat(1 - bottomLow / steadyHigh).isCloseTo(0.28, within(0.0015));
        assertThat(plateauHigh / bottomLow - 1).isCloseTo(0.20, within(0.0025));
    }

    @Test
    void everyPriceIsInCentsWithinTheNoiseBandOfTheTrend() {
        for (SimulatedProduct product : SimulatedProduct.defaults()) {
            for (long s = HOUR; s < HOUR + minutes(60); s++) {
                BigDecimal price = PATH.price(product, s);
                double trendPrice = product.basePrice().doubleValue() * PricePath.trend(s);
                assertThat(price.scale()).isEqualTo(2);
                assertThat(price.doubleValue()).isCloseTo(trendPrice,
                        within(trendPrice * PricePath.NOISE_FRACTION + 0.005));
            }
        }
    }

    @Test
    void sameSeedGivesTheSamePricesAndTheDefaultSeedIsPinned() {
        PricePath again = new PricePath(SimulatedMarket.DEFAULT_SEED);
        for (long s = HOUR; s < HOUR + minutes(60); s++) {
            assertThat(again.price(SimulatedProduct.BTC_USD, s)).isEqualTo(PATH.price(SimulatedProduct.BTC_USD, s));
        }
        // pinned so a change to the path (which replays and backtests depend on) is a deliberate one
        assertThat(PATH.price(SimulatedProduct.BTC_USD, 1_700_000_000L)).isEqualTo("60028.70");
        assertThat(PATH.price(SimulatedProduct.ETH_USD, 1_700_000_000L)).isEqualTo("3002.63");
        assertThat(PATH.price(SimulatedProduct.BTC_USD, 1_700_001_500L)).isEqualTo("43229.76");
        assertThat(PATH.price(SimulatedProduct.BTC_USD, 1_700_002_400L)).isEqualTo("51844.10");
    }

    @Test
    void anotherSeedGivesOtherNoiseOnTheSameTrend() {
        PricePath other = new PricePath(SimulatedMarket.DEFAULT_SEED + 1);
        long differing = LongStream.range(HOUR, HOUR + minutes(60))
                .filter(s -> !other.price(SimulatedProduct.BTC_USD, s).equals(PATH.price(SimulatedProduct.BTC_USD, s)))
                .count();
        assertThat(differing).isGreaterThan(3_000);
    }

    private static List<BigDecimal> prices(SimulatedProduct product, int fromMinute, int toMinute) {
        List<BigDecimal> out = new ArrayList<>();
        for (long s = HOUR + minutes(fromMinute); s < HOUR + minutes(toMinute); s++) {
            out.add(PATH.price(product, s));
        }
        return out;
    }

    private static BigDecimal max(List<BigDecimal> values) {
        return values.stream().max(BigDecimal::compareTo).orElseThrow();
    }

    private static BigDecimal min(List<BigDecimal> values) {
        return values.stream().min(BigDecimal::compareTo).orElseThrow();
    }

    private static long minutes(int m) {
        return m * 60L;
    }
}
