package dev.rigwatch.simulator;

import dev.rigwatch.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class SimulatedMarketTest {

    private static final Instant REAL_NOW = Instant.parse("2026-11-25T12:00:00Z");
    /** 2026-11-24T12:00:00Z, where the default market's simulated time starts: the top of a cycle. */
    private static final long CYCLE_START = 1_795_521_600L;
    private static final SimulatedProduct BTC = SimulatedProduct.BTC_USD;
    private static final SimulatedProduct ETH = SimulatedProduct.ETH_USD;

    private final MutableClock real = new MutableClock(REAL_NOW);
    private final SimulatedMarket market = SimulatedMarket.defaults(real);
    private final PricePath path = market.path();

    @Test
    void requestsWithinOneSimulatedSecondSeeTheSameTradeUntilTheNextOneHappens() {
        TradeTape tape = market.tape(SimulatedExchange.COINBASE, BTC);
        Instant second = Instant.parse("2026-11-24T12:00:30Z");
        Instant tradeTime = tape.quoteAt(second.plusNanos(999_999_000)).tradeTime();
        assertThat(tradeTime).isBetween(second, second.plusNanos(999_999_000));
        assertThat(tradeTime.getNano() % 1_000).as("microsecond precision").isZero();

        Quote atTrade = tape.quoteAt(tradeTime);
        assertThat(atTrade.tradeId()).isEqualTo(second.getEpochSecond());
        assertThat(tape.quoteAt(tradeTime.plusNanos(1_000))).isEqualTo(atTrade);
        assertThat(tape.quoteAt(second.plusNanos(999_999_999))).isEqualTo(atTrade);

        Quote beforeTrade = tape.quoteAt(tradeTime.minusNanos(1_000));
        assertThat(beforeTrade.tradeId()).isEqualTo(second.getEpochSecond() - 1);
        assertThat(beforeTrade.tradeTime()).isBefore(second);
        assertThat(tape.quoteAt(second.plusSeconds(1).plusNanos(999_999_999)).tradeId())
                .isEqualTo(second.getEpochSecond() + 1);
    }

    @Test
    void oneTradePerSimulatedSecondNumberedByItsSecond() {
        long previousId = 0;
        for (int i = 0; i < 600; i++) {
            Quote quote = market.quote(SimulatedExchange.COINBASE, "ETH-USD").orElseThrow();
            Instant now = market.clock().now();
            assertThat(quote.tradeTime()).isBeforeOrEqualTo(now).isAfter(now.minusSeconds(2));
            assertThat(quote.tradeId()).isEqualTo(quote.tradeTime().getEpochSecond())
                    .isGreaterThanOrEqualTo(CYCLE_START - 1)
                    .isGreaterThanOrEqualTo(previousId);
            assertThat(quote.price()).isEqualTo(path.price(ETH, quote.tradeId()));
            previousId = quote.tradeId();
            real.advance(Duration.ofMillis(7));
        }
        // 600 * 7 ms at 60x = 252 simulated seconds, one trade each
        assertThat(previousId - CYCLE_START).isBetween(250L, 252L);
    }

    @Test
    void lastTradeIsAtTheBidOrTheAskWithASpreadOfOneToThreeTicks() {
        for (SimulatedExchange exchange : SimulatedExchange.values()) {
            for (SimulatedProduct product : SimulatedProduct.defaults()) {
                BigDecimal tick = BigDecimal.ONE.movePointLeft(exchange.priceScale(product));
                double typicalVolume = product.volume24h().doubleValue() * exchange.volumeShare();
                for (int i = 0; i < 50; i++) {
                    Quote quote = market.quote(exchange, product.id()).orElseThrow();
                    String at = exchange + " " + product.id() + " trade " + quote.tradeId();
                    assertThat(quote.ask().subtract(quote.bid())).as(at)
                            .isBetween(tick, tick.multiply(BigDecimal.valueOf(3)));
                    assertThat(quote.price()).as(at).isEqualTo(quote.buyerTookTheAsk() ? quote.ask() : quote.bid());
                    assertThat(quote.size()).as(at).isPositive();
                    assertThat(quote.size().scale()).isEqualTo(8);
                    assertThat(quote.bidSize()).as(at).isPositive();
                    assertThat(quote.askSize()).as(at).isPositive();
                    // sizes average 1.05 times the typical volume per second, over 86,400 trades
                    assertThat(quote.last24h().volume().doubleValue()).as(at)
                            .isCloseTo(1.05 * typicalVolume, within(0.01 * typicalVolume));
                    real.advance(Duration.ofMillis(20));
                }
            }
        }
    }

    @Test
    void coinbaseServesThePathItselfAndTheOtherExchangesOffsetIt() {
        for (SimulatedProduct product : SimulatedProduct.defaults()) {
            for (long s = CYCLE_START; s < CYCLE_START + 3600; s++) {
                assertThat(market.price(SimulatedExchange.COINBASE, product, s)).isEqualTo(path.price(product, s));
            }
            for (SimulatedExchange exchange : List.of(SimulatedExchange.KRAKEN, SimulatedExchange.BINANCE, SimulatedExchange.BITSTAMP)) {
                double tick = Math.pow(10, -exchange.priceScale(product));
                double sum = 0;
                for (long s = CYCLE_START; s < CYCLE_START + 3600; s++) {
                    double reference = product.basePrice().doubleValue() * path.factor(product, s);
                    double relative = market.price(exchange, product, s).doubleValue() / reference - 1;
                    double noise = exchange.noiseFraction() * (1 + Math.abs(exchange.priceOffset()));
                    assertThat(relative).as(exchange + " " + product.id() + " at " + s)
                            .isCloseTo(exchange.priceOffset(), within(noise + tick / 2 / reference + 1e-12));
                    sum += relative;
                }
                assertThat(sum / 3600).as(exchange + " " + product.id() + " mean offset")
                        .isCloseTo(exchange.priceOffset(), within(0.00003));
            }
        }
    }

    @Test
    void everyExchangeShowsTheCrashAndTheRebound() {
        for (SimulatedExchange exchange : SimulatedExchange.values()) {
            TradeStats steady = market.stats(exchange, BTC, CYCLE_START, CYCLE_START + 15 * 60 - 1);
            TradeStats bottom = market.stats(exchange, BTC, CYCLE_START + 30 * 60, CYCLE_START + 40 * 60 - 1);
            TradeStats plateau = market.stats(exchange, BTC, CYCLE_START + 50 * 60, CYCLE_START + 57 * 60 - 1);
            // extremes of the noise (0.1 % path, up to 0.03 % exchange) at both ends move the ratios by up to 0.26 %
            assertThat(1 - bottom.low().doubleValue() / steady.high().doubleValue()).as(exchange + " crash")
                    .isCloseTo(0.28, within(0.002));
            assertThat(plateau.high().doubleValue() / bottom.low().doubleValue() - 1).as(exchange + " rebound")
                    .isCloseTo(0.20, within(0.0032));
        }
    }

    @Test
    void pricesHaveEachExchangesPrecision() {
        long s = CYCLE_START + 1234;
        assertThat(market.price(SimulatedExchange.COINBASE, BTC, s).scale()).isEqualTo(2);
        assertThat(market.price(SimulatedExchange.COINBASE, ETH, s).scale()).isEqualTo(2);
        assertThat(market.price(SimulatedExchange.KRAKEN, BTC, s).scale()).isEqualTo(1);
        assertThat(market.price(SimulatedExchange.KRAKEN, ETH, s).scale()).isEqualTo(2);
        assertThat(market.price(SimulatedExchange.BINANCE, BTC, s).scale()).isEqualTo(2);
        assertThat(market.price(SimulatedExchange.BITSTAMP, BTC, s).scale()).isEqualTo(0);
        assertThat(market.price(SimulatedExchange.BITSTAMP, ETH, s).scale()).isEqualTo(1);
    }

    @Test
    void statsOfOneSecondAreItsTradeAndLongerStatsAddUp() {
        for (SimulatedExchange exchange : SimulatedExchange.values()) {
            TradeTape tape = market.tape(exchange, ETH);
            for (long s = CYCLE_START; s < CYCLE_START + 20; s++) {
                Quote trade = tape.quoteAt(tape.tradeTime(s));
                TradeStats one = market.stats(exchange, ETH, s, s);
                assertThat(one.count()).isEqualTo(1);
                assertThat(List.of(one.open(), one.high(), one.low(), one.close())).containsOnly(trade.price());
                assertThat(one.volume()).isEqualTo(trade.size());
                assertThat(one.quoteVolume()).isEqualByComparingTo(trade.price().multiply(trade.size()));
                assertThat(one.takerBuyVolume())
                        .isEqualByComparingTo(trade.buyerTookTheAsk() ? trade.size() : BigDecimal.ZERO);
            }

            long hour = CYCLE_START + 3600;
            TradeStats whole = market.stats(exchange, ETH, hour, hour + 3599);
            TradeStats halves = market.stats(exchange, ETH, hour, hour + 1799)
                    .then(market.stats(exchange, ETH, hour + 1800, hour + 3599));
            assertThat(whole).isEqualTo(halves);
            List<BigDecimal> prices = LongStream.rangeClosed(hour, hour + 3599)
                    .mapToObj(s -> market.price(exchange, ETH, s)).toList();
            assertThat(whole.open()).isEqualTo(prices.get(0));
            assertThat(whole.close()).isEqualTo(prices.get(3599));
            assertThat(whole.high()).isEqualTo(prices.stream().max(BigDecimal::compareTo).orElseThrow());
            assertThat(whole.low()).isEqualTo(prices.stream().min(BigDecimal::compareTo).orElseThrow());
            assertThat(whole.count()).isEqualTo(3600);
            assertThat(whole.vwap(2).doubleValue()).isBetween(whole.low().doubleValue(), whole.high().doubleValue());
        }
    }

    @Test
    void tickerStatisticsCoverTheLast24HoursAndTheUtcDay() {
        Quote quote = market.quote(SimulatedExchange.KRAKEN, "BTC-USD").orElseThrow();
        assertThat(quote.last24h().lastTradeId()).isEqualTo(quote.tradeId());
        assertThat(quote.last24h().count()).isEqualTo(86_400);
        assertThat(quote.today().firstTradeId()).isEqualTo(Instant.parse("2026-11-24T00:00:00Z").getEpochSecond());
        assertThat(quote.today().lastTradeId()).isEqualTo(quote.tradeId());
        assertThat(quote.last24h()).isEqualTo(
                market.stats(SimulatedExchange.KRAKEN, BTC, quote.tradeId() - 86_399, quote.tradeId()));
    }

    @Test
    void tradesBeginAtTheOpeningAndWindowsEndAtTheLastTrade() {
        assertThat(market.openedAt()).isEqualTo("2026-10-25T00:00:00Z");
        long opening = market.openedAt().getEpochSecond();
        TradeTape tape = market.tape(SimulatedExchange.BINANCE, BTC);
        long lastTrade = tape.lastTradeSecond(market.clock().now());

        assertThat(tape.window(opening - 60, 60, lastTrade)).isEmpty();
        assertThat(tape.window(opening - 30, 60, lastTrade).orElseThrow().firstTradeId()).isEqualTo(opening);
        assertThat(tape.window(lastTrade - 10, 60, lastTrade).orElseThrow())
                .isEqualTo(market.stats(SimulatedExchange.BINANCE, BTC, lastTrade - 10, lastTrade));
        assertThat(tape.window(lastTrade + 1, 60, lastTrade)).isEmpty();
    }

    @Test
    void eachExchangeNamesTheProductItsOwnWay() {
        assertThat(SimulatedExchange.COINBASE.symbol(BTC)).isEqualTo("BTC-USD");
        assertThat(SimulatedExchange.KRAKEN.symbol(BTC)).isEqualTo("XBTUSD");
        assertThat(SimulatedExchange.KRAKEN.symbol(ETH)).isEqualTo("ETHUSD");
        assertThat(KrakenApi.pairName(BTC)).isEqualTo("XXBTZUSD");
        assertThat(KrakenApi.pairName(ETH)).isEqualTo("XETHZUSD");
        SimulatedProduct sol = new SimulatedProduct("SOL-USD", new BigDecimal("150"), new BigDecimal("500000"));
        assertThat(KrakenApi.pairName(sol)).isEqualTo("SOLUSD");
        assertThat(SimulatedExchange.BINANCE.symbol(BTC)).isEqualTo("BTCUSDT");
        assertThat(SimulatedExchange.BITSTAMP.symbol(ETH)).isEqualTo("ethusd");
    }

    @Test
    void unknownProductHasNoQuote() {
        assertThat(market.quote(SimulatedExchange.COINBASE, "DOGE-USD")).isEmpty();
        assertThat(market.productIds()).containsExactly("BTC-USD", "ETH-USD");
    }

    @Test
    void aProductListedTwiceOrNamedOtherThanBaseDashQuoteIsRejected() {
        assertThatThrownBy(() -> new SimulatedMarket(SimulatedClock.startingDayAgo(real), path,
                List.of(BTC, BTC)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("product BTC-USD is listed twice");
        assertThatThrownBy(() -> new SimulatedProduct("btcusd", BigDecimal.ONE, BigDecimal.ONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("product id must be BASE-QUOTE in capitals, e.g. BTC-USD: 'btcusd'");
    }
}
