package dev.rigwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedMarketTest {

    private static final Instant REAL_NOW = Instant.parse("2026-11-25T12:00:00Z");

    private final ManualClock real = new ManualClock(REAL_NOW);
    private final SimulatedMarket market = SimulatedMarket.defaults(real);
    private final PricePath path = market.path();

    @Test
    void requestsWithinOneSimulatedSecondSeeTheSameTradeUntilTheNextOneHappens() {
        SimulatedProduct btc = SimulatedProduct.BTC_USD;
        Instant second = Instant.parse("2026-11-24T12:00:30Z");
        Instant tradeTime = market.quoteAt(btc, second.plusNanos(999_999_000)).tradeTime();
        assertThat(tradeTime).isBetween(second, second.plusNanos(999_999_000));
        assertThat(tradeTime.getNano() % 1_000).as("microsecond precision").isZero();

        Quote atTrade = market.quoteAt(btc, tradeTime);
        assertThat(atTrade.tradeId()).isEqualTo(second.getEpochSecond());
        assertThat(market.quoteAt(btc, tradeTime.plusNanos(1_000))).isEqualTo(atTrade);
        assertThat(market.quoteAt(btc, second.plusNanos(999_999_999))).isEqualTo(atTrade);

        Quote beforeTrade = market.quoteAt(btc, tradeTime.minusNanos(1_000));
        assertThat(beforeTrade.tradeId()).isEqualTo(second.getEpochSecond() - 1);
        assertThat(beforeTrade.tradeTime()).isBefore(second);
        assertThat(market.quoteAt(btc, second.plusSeconds(1).plusNanos(999_999_999)).tradeId())
                .isEqualTo(second.getEpochSecond() + 1);
    }

    @Test
    void oneTradePerSimulatedSecondNumberedByItsSecond() {
        Instant simulatedStart = REAL_NOW.minus(Duration.ofHours(24));
        long startSecond = simulatedStart.getEpochSecond();
        long previousId = 0;
        for (int i = 0; i < 600; i++) {
            Quote quote = market.quote("ETH-USD").orElseThrow();
            Instant now = market.clock().now();
            assertThat(quote.tradeTime()).isBeforeOrEqualTo(now).isAfter(now.minusSeconds(2));
            assertThat(quote.tradeId()).isEqualTo(quote.tradeTime().getEpochSecond())
                    .isGreaterThanOrEqualTo(startSecond - 1)
                    .isGreaterThanOrEqualTo(previousId);
            assertThat(quote.price()).isEqualTo(path.price(SimulatedProduct.ETH_USD, quote.tradeId()));
            previousId = quote.tradeId();
            real.advance(Duration.ofMillis(7));
        }
        // 600 * 7 ms at 60x = 252 simulated seconds, one trade each
        assertThat(previousId - startSecond).isBetween(250L, 252L);
    }

    @Test
    void lastTradeIsAtTheBidOrTheAskWithASpreadOfOneToThreeCents() {
        for (int i = 0; i < 300; i++) {
            Quote quote = market.quote("BTC-USD").orElseThrow();
            BigDecimal spread = quote.ask().subtract(quote.bid());
            assertThat(spread).isBetween(new BigDecimal("0.01"), new BigDecimal("0.03"));
            assertThat(quote.price()).isIn(quote.bid(), quote.ask());
            assertThat(quote.size()).isPositive();
            assertThat(quote.size().scale()).isEqualTo(8);
            assertThat(quote.volume24h()).isBetween(new BigDecimal("10200"), new BigDecimal("13800"));
            real.advance(Duration.ofMillis(20));
        }
    }

    @Test
    void unknownProductHasNoQuote() {
        assertThat(market.quote("DOGE-USD")).isEmpty();
        assertThat(market.productIds()).containsExactly("BTC-USD", "ETH-USD");
    }

    @Test
    void aProductListedTwiceIsRejected() {
        assertThatThrownBy(() -> new SimulatedMarket(SimulatedClock.startingDayAgo(real), path,
                List.of(SimulatedProduct.BTC_USD, SimulatedProduct.BTC_USD)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("product BTC-USD is listed twice");
    }
}
