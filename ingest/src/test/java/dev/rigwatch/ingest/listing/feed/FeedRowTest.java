package dev.rigwatch.ingest.listing.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FeedRowTest {

    private static final Instant READ_AT = Instant.parse("2026-11-25T12:00:00Z");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            2023-11-24T13:23:32Z          | 2023-11-24T13:23:32Z
            2023-11-24T13:23:32.250Z      | 2023-11-24T13:23:32.250Z
            2023-11-24T08:23:32-05:00     | 2023-11-24T13:23:32Z
            1700832212                    | 2023-11-24T13:23:32Z
            1700832212.5                  | 2023-11-24T13:23:32.500Z
            1700832212000                 | 2023-11-24T13:23:32Z
            99999999999                   | 5138-11-16T09:46:39Z
            100000000000                  | 1973-03-03T09:46:40Z
            """)
    void timesAreIsoWithAnOffsetOrEpochSecondsOrMilliseconds(String written, String expected) throws Exception {
        assertThat(row("listed_at", written).toListing(READ_AT).listedAt()).isEqualTo(Instant.parse(expected));
        assertThat(row("observed_at", written).toListing(READ_AT).observedAt()).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            listed_at   | 2023-11-24T13:23:32   | listed_at "2023-11-24T13:23:32" is not an ISO-8601 time with an offset, nor epoch seconds or milliseconds
            listed_at   | 2023-11-24            | listed_at "2023-11-24" is not an ISO-8601 time with an offset, nor epoch seconds or milliseconds
            observed_at | -1700832212           | observed_at "-1700832212" is not an ISO-8601 time with an offset, nor epoch seconds or milliseconds
            price       | 1,050                 | price "1,050" is not a number
            price       | $450                  | price "$450" is not a number
            shipping    | free                  | shipping "free" is not a number
            currency    | dollars               | currency "dollars" is not a 3-letter code
            auction     | yes                   | auction "yes" is not true or false
            """)
    void aValueThatDoesNotReadNamesItsColumnAndValue(String column, String value, String message) {
        assertThatThrownBy(() -> row(column, value).toListing(READ_AT))
                .isInstanceOf(FeedRow.MalformedRow.class)
                .hasMessage(message);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            currency | eur   | EUR
            currency | USD   | USD
            """)
    void currencyCodesAreUpperCased(String column, String value, String expected) throws Exception {
        assertThat(row(column, value).toListing(READ_AT).currency()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "price {0}")
    @CsvSource({"0", "-5", "450.00"})
    void anyNumberIsAPriceForThePollerToJudge(String price) throws Exception {
        assertThat(row("price", price).toListing(READ_AT).price()).isEqualTo(new BigDecimal(price));
    }

    /** A row with the three required columns, and {@code column} set to {@code value}. */
    private static FeedRow row(String column, String value) {
        Map<String, String> values = new LinkedHashMap<>(Map.of("listing_id", "x-1", "title", "RTX 3080", "price", "450"));
        values.put(column, value);
        return new FeedRow(2, values, "x-1,RTX 3080,450");
    }
}
