package dev.rigwatch.ingest.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigwatch.ingest.RejectReason;
import dev.rigwatch.ingest.http.InvalidResponse;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Regressions the property tests ({@code ExchangeResponseProperties}) found in the adapters' shared checks. */
class FieldsTest {

    private static final Instant T0 = Instant.ofEpochSecond(1700834400);

    @Test
    void aCandleAboveThePlausibleMaximumIsAnInvalidPriceNotACandle() {
        // a Binance kline whose high gained a digit: nothing validates candles after the adapter
        assertThatThrownBy(() -> Fields.candle("binance:BTC-USDT", T0, Duration.ofMinutes(1), "37382.7",
                "1000000000001", "37380.0", "37395.5", "1.9"))
                .isInstanceOfSatisfying(InvalidResponse.class, e -> {
                    assertThat(e.reason()).isEqualTo(RejectReason.INVALID_PRICE);
                    assertThat(e.getMessage()).contains("1000000000001 is above the plausible maximum 1000000000000");
                });
    }

    @Test
    void anEpochTimeOutsideTheYears0To9999IsMalformedNotADateTimeException() throws InvalidResponse {
        // Coinbase's and Kraken's candle times, Kraken's last, Bitstamp's timestamp: Instant.ofEpochSecond threw
        assertThatThrownBy(() -> Fields.epochSeconds("time", 99_999_999_999_999_999L))
                .isInstanceOfSatisfying(InvalidResponse.class, e -> {
                    assertThat(e.reason()).isEqualTo(RejectReason.MALFORMED_JSON);
                    assertThat(e.getMessage()).isEqualTo(
                            "time 99999999999999999 is not a time in epoch seconds between the years 0 and 9999");
                });
        assertThatThrownBy(() -> Fields.epochSeconds("timestamp", "-99999999999999999"))
                .isInstanceOf(InvalidResponse.class);
        assertThat(Fields.epochSeconds("time", 1700834400L)).isEqualTo(T0);
        assertThat(Fields.epochSeconds("time", 253_402_300_799L)).isEqualTo(Instant.parse("9999-12-31T23:59:59Z"));
    }

    @Test
    void aHugeExponentIsReportedInFewCharactersNotABillion() {
        // "1e999999999" as plain text is a billion digits: the detail was built from it for each bad response
        assertThatThrownBy(() -> Fields.price("bid", new BigDecimal("-1e999999999")))
                .isInstanceOfSatisfying(InvalidResponse.class, e -> assertThat(e.getMessage())
                        .isEqualTo("bid -1E+999999999 is not positive"));
        assertThatThrownBy(() -> Fields.candle("kraken:BTC-USD", T0, Duration.ofMinutes(1), "1e999999999",
                "37399.9", "37380.0", "37395.5", "1.9"))
                .isInstanceOfSatisfying(InvalidResponse.class, e -> assertThat(e.getMessage()).hasSizeLessThan(200));
        assertThatThrownBy(() -> Fields.volume("volume", "-1e999999999"))
                .isInstanceOfSatisfying(InvalidResponse.class, e -> assertThat(e.getMessage()).hasSizeLessThan(200));
    }

    @Test
    void aDecimalIsAnyNumberExactlyAndTextThatIsNoNumberIsMalformed() throws InvalidResponse {
        // the WebSocket feeds leave sign and size to the TickValidator
        assertThat(Fields.decimal("price", "-37412.10")).isEqualTo(new BigDecimal("-37412.10"));
        assertThat(Fields.decimal("price", "0")).isZero();
        for (String text : new String[] {"NaN", "Infinity", "abc", "", "1,5"}) {
            assertThatThrownBy(() -> Fields.decimal("price", text))
                    .isInstanceOfSatisfying(InvalidResponse.class, e -> {
                        assertThat(e.reason()).isEqualTo(RejectReason.MALFORMED_JSON);
                        assertThat(e.getMessage()).isEqualTo("price '" + text + "' is not a number");
                    });
        }
        assertThatThrownBy(() -> Fields.decimal("price", null)).hasMessage("field price is missing");
    }
}
