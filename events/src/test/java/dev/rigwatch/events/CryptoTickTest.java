package dev.rigwatch.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What makes a polled tick a repeat of the last one. */
class CryptoTickTest {

    private static final Instant AT = Instant.parse("2026-11-25T12:00:00Z");

    private static CryptoTick tick(String exchange, String price, String tradeId, Instant exchangeTime) {
        return new CryptoTick(CryptoTick.VERSION, exchange, "BTC-USD", new BigDecimal(price), null, null, null,
                tradeId, exchangeTime, AT.plusSeconds(1), exchangeTime == null ? TimeSource.RECEIPT : TimeSource.EXCHANGE);
    }

    @Test
    void aTradeIdIdentifiesTheTradeWhateverElseChanges() {
        assertThat(tick("coinbase", "100.00", "42", AT).tradeIdentity())
                .isEqualTo(tick("coinbase", "100.5", "42", AT.plusSeconds(3)).tradeIdentity())
                .isNotEqualTo(tick("coinbase", "100.00", "43", AT).tradeIdentity());
    }

    @Test
    void withoutATradeIdTheExchangesTimeAndThePriceDo() {
        // Bitstamp: the same answer polled twice is one trade; 100.0 and 100.00 are one price
        assertThat(tick("bitstamp", "100.0", null, AT).tradeIdentity())
                .isEqualTo(tick("bitstamp", "100.00", null, AT).tradeIdentity())
                .isNotEqualTo(tick("bitstamp", "100.00", null, AT.plusSeconds(1)).tradeIdentity())
                .isNotEqualTo(tick("bitstamp", "100.01", null, AT).tradeIdentity());
    }

    @Test
    void aTickerWithNeitherCannotTellARepeat() {
        assertThat(tick("kraken", "100.00", null, null).tradeIdentity()).isNull();
    }
}
