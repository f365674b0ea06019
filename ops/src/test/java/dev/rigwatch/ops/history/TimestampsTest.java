package dev.rigwatch.ops.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            1510185600                  | 2017-11-09T00:00:00Z
            1510185600000               | 2017-11-09T00:00:00Z
            1510185600000000            | 2017-11-09T00:00:00Z
            1510185600.25               | 2017-11-09T00:00:00.250Z
            0                           | 1970-01-01T00:00:00Z
            99999999999                 | 5138-11-16T09:46:39Z
            100000000000                | 1973-03-03T09:46:40Z
            2017-11-09                  | 2017-11-09T00:00:00Z
            2017-11-09T00:00:00Z        | 2017-11-09T00:00:00Z
            2017-11-09T00:00Z           | 2017-11-09T00:00:00Z
            2017-11-09 00:00:00+00:00   | 2017-11-09T00:00:00Z
            2017-11-09 00:00:00+0000    | 2017-11-09T00:00:00Z
            2017-11-09T02:00:00+02:00   | 2017-11-09T00:00:00Z
            2017-11-08T19:00:00-05:00   | 2017-11-09T00:00:00Z
            2017-11-09 00:00:00         | 2017-11-09T00:00:00Z
            2017-11-09T13:45            | 2017-11-09T13:45:00Z
            2017-11-09T13:45:30.123Z    | 2017-11-09T13:45:30.123Z
            2017-11-09 13:45:30.123456  | 2017-11-09T13:45:30.123456Z
            2020-02-25 12-AM            | 2020-02-25T00:00:00Z
            2020-02-25 01-AM            | 2020-02-25T01:00:00Z
            2020-02-25 11-AM            | 2020-02-25T11:00:00Z
            2020-02-25 12-PM            | 2020-02-25T12:00:00Z
            2020-02-25 01-PM            | 2020-02-25T13:00:00Z
            2020-02-25 11 PM            | 2020-02-25T23:00:00Z
            """)
    void readsEpochNumbersByMagnitudeAndIsoWithOrWithoutOffsetAsUtc(String text, String expected) {
        assertThat(Timestamps.parse(text)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"null", "", "09/11/2017", "2017-13-01", "2017-11-09T25:00", "-1510185600", "1.5e9",
            "2017-11-09 00:00:00 UTC"})
    void refusesAnythingElseSayingWhatItAccepts(String text) {
        assertThatThrownBy(() -> Timestamps.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("\"" + text + "\" is not a time: epoch seconds, milliseconds or microseconds, ISO-8601 "
                        + "(2017-11-09, 2017-11-09T00:00:00Z, 2017-11-09 00:00:00+00:00), or a date and hour (2020-02-25 12-AM)");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"2020-02-25 00-AM", "2020-02-25 13-PM"})
    void aTwelveHourClockRunsOneToTwelve(String text) {
        assertThatThrownBy(() -> Timestamps.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a 12-hour clock runs 1 to 12");
    }
}
