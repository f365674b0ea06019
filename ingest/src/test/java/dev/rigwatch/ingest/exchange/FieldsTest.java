package dev.rigwatch.ingest.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigwatch.ingest.RejectReason;
import dev.rigwatch.ingest.http.InvalidResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FieldsTest {

    private static final Instant T0 = Instant.parse("2023-11-24T14:00:00Z");

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
    void aDecimalIsAnyNumberExactlyAndTextThatIsNoNumberIsMalformed() throws InvalidResponse {
        // the WebSocket feeds leave sign and size to the TickValidator
        assertThat(Fields.decimal("price", "-37412.10")).isEqualTo(new java.math.BigDecimal("-37412.10"));
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
