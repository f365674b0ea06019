package dev.rigwatch.ingest.listing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Configured rates that convert listing prices to US dollars: for each ISO 4217 code, how many USD one unit of it
 * is worth ({@code EUR=1.16}: one euro is 1.16 dollars). USD is always 1. A currency without a rate is unknown, and
 * listings priced in it are skipped rather than converted with a guess. The rates are fixed for the life of the
 * process: a listing's USD price is a comparison aid, not an accounting figure, so it says which rate it used.
 */
public final class UsdRates {

    /** The one currency whose rate needs no configuring. */
    public static final String USD = "USD";

    /**
     * Reference rates (USD per unit) as the author last knew them, around November 2025; not market data of any
     * later date, so configure current rates where the conversion matters.
     */
    public static final Map<String, BigDecimal> DEFAULT_RATES = Map.of(
            "EUR", new BigDecimal("1.16"),
            "GBP", new BigDecimal("1.32"),
            "CAD", new BigDecimal("0.714"),
            "AUD", new BigDecimal("0.652"),
            "JPY", new BigDecimal("0.00645"),
            "CHF", new BigDecimal("1.25"),
            "SEK", new BigDecimal("0.105"),
            "PLN", new BigDecimal("0.273"));

    private static final Pattern CODE = Pattern.compile("[A-Z]{3}");

    /** Code to rate, USD included, sorted by code so logs and errors list them in a stable order. */
    private final Map<String, BigDecimal> rates;

    private UsdRates(Map<String, BigDecimal> rates) {
        this.rates = rates;
    }

    /** {@link #DEFAULT_RATES} and USD. */
    public static UsdRates defaults() {
        return of(DEFAULT_RATES);
    }

    /**
     * Exactly the given rates, and USD.
     *
     * @throws IllegalArgumentException for a code that is not three letters, a rate that is not positive, or a USD
     *                                  rate other than 1
     */
    public static UsdRates of(Map<String, BigDecimal> configured) {
        Map<String, BigDecimal> rates = new TreeMap<>();
        rates.put(USD, BigDecimal.ONE);
        configured.forEach((code, rate) -> {
            Objects.requireNonNull(code, "currency code");
            Objects.requireNonNull(rate, "rate of " + code);
            if (!CODE.matcher(code).matches()) {
                throw new IllegalArgumentException("\"" + code + "\" is not an ISO 4217 code (three capital letters)");
            }
            if (rate.signum() <= 0) {
                throw new IllegalArgumentException("the USD rate of " + code + " must be positive, was " + rate);
            }
            if (code.equals(USD) && rate.compareTo(BigDecimal.ONE) != 0) {
                throw new IllegalArgumentException("the USD rate of USD is 1, was " + rate);
            }
            rates.put(code, rate);
        });
        return new UsdRates(Collections.unmodifiableMap(rates));
    }

    /**
     * Parses a setting such as {@code EUR=1.16,GBP=1.32}: comma-separated {@code CODE=rate} entries, spaces around
     * them ignored, codes in either case. Only the currencies listed (and USD) are known: the defaults are not mixed in.
     *
     * @throws IllegalArgumentException naming the entry that is malformed, repeated or out of range, or when
     *                                  {@code spec} lists no rate at all
     */
    public static UsdRates parse(String spec) {
        Objects.requireNonNull(spec, "spec");
        if (spec.isBlank()) {
            throw new IllegalArgumentException("no USD rates in \"" + spec + "\"; expected e.g. EUR=1.16,GBP=1.32");
        }
        Map<String, BigDecimal> configured = new LinkedHashMap<>();
        for (String entry : spec.split(",", -1)) {
            String[] parts = entry.split("=", -1);
            if (parts.length != 2) {
                throw new IllegalArgumentException("USD rate \"" + entry.strip() + "\" is not CODE=rate, in \"" + spec + "\"");
            }
            String code = parts[0].strip().toUpperCase(Locale.ROOT);
            BigDecimal rate;
            try {
                rate = new BigDecimal(parts[1].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("USD rate \"" + entry.strip() + "\" is not a number, in \"" + spec + "\"", e);
            }
            if (configured.put(code, rate) != null) {
                throw new IllegalArgumentException("USD rate of " + code + " is given twice, in \"" + spec + "\"");
            }
        }
        return of(configured);
    }

    /** How many USD one unit of {@code currency} is worth, or empty when no rate is configured for it. */
    public Optional<BigDecimal> rate(String currency) {
        return Optional.ofNullable(rates.get(currency));
    }

    /** Every known currency with its rate, USD included, by code. */
    public Map<String, BigDecimal> rates() {
        return rates;
    }

    /** {@code amount × rate} in USD, rounded to cents, half to even (so a run of conversions has no upward drift). */
    public static BigDecimal toUsd(BigDecimal amount, BigDecimal rate) {
        return amount.multiply(rate).setScale(2, RoundingMode.HALF_EVEN);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UsdRates that && rates.equals(that.rates);
    }

    @Override
    public int hashCode() {
        return rates.hashCode();
    }

    @Override
    public String toString() {
        return rates.toString();
    }
}
