package dev.rigwatch.ingest.listing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UsdRatesTest {

    @Test
    void parsesExactlyTheListedRatesAndAlwaysKnowsUsd() {
        UsdRates rates = UsdRates.parse(" eur=1.08 , GBP = 1.27,JPY=0.0066");

        assertThat(rates.rates()).containsExactly(
                Map.entry("EUR", new BigDecimal("1.08")),
                Map.entry("GBP", new BigDecimal("1.27")),
                Map.entry("JPY", new BigDecimal("0.0066")),
                Map.entry("USD", BigDecimal.ONE));
        assertThat(rates.rate("EUR")).contains(new BigDecimal("1.08"));
        assertThat(rates.rate("USD")).contains(BigDecimal.ONE);
        assertThat(rates.rate("CAD")).as("a default that was not configured").isEmpty();
        assertThat(rates.rate("eur")).as("lookups take ISO codes as they are").isEmpty();
    }

    @Test
    void defaultsCoverTheEightCurrenciesAndUsd() {
        assertThat(UsdRates.defaults().rates()).containsOnlyKeys("AUD", "CAD", "CHF", "EUR", "GBP", "JPY", "PLN",
                "SEK", "USD");
        assertThat(UsdRates.defaults().rate("GBP")).contains(new BigDecimal("1.32"));
    }

    @ParameterizedTest(name = "{0} x {1} = {2}")
    @CsvSource({
            "329.99, 1.16,    382.79",
            // exactly half a cent: to the even cent
            "10.125, 1,       10.12",
            "10.135, 1,       10.14",
            "100,    0.00645, 0.64",
            "45000,  0.00645, 290.25"})
    void convertsToCentsRoundingHalfToEven(String amount, String rate, String usd) {
        assertThat(UsdRates.toUsd(new BigDecimal(amount), new BigDecimal(rate))).isEqualTo(new BigDecimal(usd));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(delimiter = '|', value = {
            "''                | no USD rates in \"\"; expected e.g. EUR=1.16,GBP=1.32",
            "EUR               | USD rate \"EUR\" is not CODE=rate, in \"EUR\"",
            "EUR=1.1,          | USD rate \"\" is not CODE=rate, in \"EUR=1.1,\"",
            "EUR=1.1=2         | USD rate \"EUR=1.1=2\" is not CODE=rate, in \"EUR=1.1=2\"",
            "EUR=abc           | USD rate \"EUR=abc\" is not a number, in \"EUR=abc\"",
            "EUR=1.1,eur=1.2   | USD rate of EUR is given twice, in \"EUR=1.1,eur=1.2\"",
            "EURO=1.1          | \"EURO\" is not an ISO 4217 code (three capital letters)",
            "EUR=0             | the USD rate of EUR must be positive, was 0",
            "EUR=-1.1          | the USD rate of EUR must be positive, was -1.1",
            "USD=1.01          | the USD rate of USD is 1, was 1.01"})
    void rejectsMalformedSettingsNamingTheEntry(String spec, String message) {
        assertThatThrownBy(() -> UsdRates.parse(spec))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void usdMayBeListedAsOne() {
        assertThat(UsdRates.parse("USD=1.00,EUR=1.1").rates()).containsOnlyKeys("EUR", "USD");
        assertThat(UsdRates.parse("USD=1.00,EUR=1.1").rate("USD")).contains(new BigDecimal("1.00"));
    }
}
