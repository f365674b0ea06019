package dev.rigwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.events.TimeSource;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LastTradeTest {

    private static final Instant EXCHANGE_TIME = Instant.parse("2023-11-24T14:02:11Z");

    @Test
    void aTradeIdDecidesWhereThereIsOne() {
        assertThat(LastTrade.of(tick("7", "100.00", EXCHANGE_TIME)))
                .isEqualTo(LastTrade.of(tick("7", "101.00", EXCHANGE_TIME.plusSeconds(1))))
                .isNotEqualTo(LastTrade.of(tick("8", "100.00", EXCHANGE_TIME)));
    }

    @Test
    void withoutATradeIdTheSameExchangeTimeAndPriceIsARepeat() {
        // Bitstamp's ticker: no trade id, a timestamp in seconds
        assertThat(LastTrade.of(tick(null, "37413", EXCHANGE_TIME)))
                .isPresent()
                .isEqualTo(LastTrade.of(tick(null, "37413.0", EXCHANGE_TIME)))
                .isNotEqualTo(LastTrade.of(tick(null, "37414", EXCHANGE_TIME)))
                .isNotEqualTo(LastTrade.of(tick(null, "37413", EXCHANGE_TIME.plusSeconds(1))));
    }

    @Test
    void aTickTimedAtReceiptIsNeverARepeat() {
        CryptoTick kraken = new CryptoTick(CryptoTick.VERSION, "kraken", "BTC-USD", new BigDecimal("37415.1"), null,
                null, null, null, null, EXCHANGE_TIME, TimeSource.RECEIPT);
        assertThat(LastTrade.of(kraken)).isEmpty();
    }

    private static CryptoTick tick(String tradeId, String price, Instant exchangeTime) {
        return new CryptoTick(CryptoTick.VERSION, "bitstamp", "BTC-USD", new BigDecimal(price), null, null, null,
                tradeId, exchangeTime, exchangeTime.plusMillis(150), TimeSource.EXCHANGE);
    }
}
