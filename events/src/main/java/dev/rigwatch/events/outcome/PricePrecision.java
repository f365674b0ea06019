package dev.rigwatch.events.outcome;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How many decimals a subject's prices are shown with: in every form of a backtest report, and in alert messages. A price is shown as precisely as
 * it is quoted, no more: imported history carries float noise ({@code 320.8840026855469}) a trader never saw.
 * <ul>
 *   <li>The series' own closes give the exchange's tick: the most decimals any close has after trailing zeros are
 *       stripped ({@code 1052.40} counts 1).</li>
 *   <li>The quote currency caps that. A fiat or stablecoin quote (and a GPU model's sold price, in USD) is shown in
 *       cents, at most 2 decimals; for a coin whose lowest close is below 1, enough decimals to give that lowest
 *       close {@value #SUB_UNIT_SIGNIFICANT_DIGITS} significant digits (0.04312: 5), since cents would flatten it to
 *       0.04. A crypto quote (BTC, ETH) is shown in up to {@value #MAX_DECIMALS} decimals, a satoshi.</li>
 * </ul>
 * Rounding is half up, as a person rounds by hand. Percentages are not prices: they keep their own 2 decimals.
 *
 * @param decimals the decimals every price of the subject is shown with
 * @param quote    the currency the prices are in ({@code USD}), for the chart's price axis
 */
public record PricePrecision(int decimals, String quote) {

    /** A satoshi: no exchange quotes finer than this. */
    static final int MAX_DECIMALS = 8;
    static final int FIAT_DECIMALS = 2;
    static final int SUB_UNIT_SIGNIFICANT_DIGITS = 4;
    private static final Set<String> CRYPTO_QUOTES = Set.of("BTC", "XBT", "ETH");

    /** The precision of {@code subject}'s prices from its closes (empty: the quote currency's cap alone). */
    public static PricePrecision of(String subject, List<PricePoint> closes) {
        String quote = quoteOf(subject);
        int tick = closes.isEmpty() ? MAX_DECIMALS
                : closes.stream().mapToInt(p -> Math.max(0, p.price().stripTrailingZeros().scale())).max().orElseThrow();
        int cap = CRYPTO_QUOTES.contains(quote) ? MAX_DECIMALS : closes.isEmpty() ? FIAT_DECIMALS
                : fiatCap(closes.stream().map(PricePoint::price).min(BigDecimal::compareTo).orElseThrow());
        return new PricePrecision(Math.min(tick, cap), quote);
    }

    /** The precision of one price of {@code subject}: its own decimals, capped as a series' would be. */
    public static PricePrecision of(String subject, BigDecimal price) {
        return of(subject, List.of(new PricePoint(Instant.EPOCH, price)));
    }

    /** {@code exchange:ETH-USD} → USD, {@code model:RTX 3080} → USD (sold prices are in dollars); USD if unknown. */
    static String quoteOf(String subject) {
        if (subject.startsWith("model:")) {
            return "USD";
        }
        String symbol = subject.substring(subject.indexOf(':') + 1);
        int separator = Math.max(symbol.lastIndexOf('-'), symbol.lastIndexOf('/'));
        return separator < 0 ? "USD" : symbol.substring(separator + 1).toUpperCase(Locale.ROOT);
    }

    private static int fiatCap(BigDecimal lowest) {
        if (lowest.signum() <= 0 || lowest.compareTo(BigDecimal.ONE) >= 0) {
            return FIAT_DECIMALS;
        }
        BigDecimal stripped = lowest.stripTrailingZeros();
        int zerosAfterPoint = stripped.scale() - stripped.precision(); // 0.04312: scale 5, precision 4 → 1
        return Math.min(MAX_DECIMALS, Math.max(FIAT_DECIMALS, zerosAfterPoint + SUB_UNIT_SIGNIFICANT_DIGITS));
    }

    public BigDecimal round(BigDecimal price) {
        return price.setScale(decimals, RoundingMode.HALF_UP);
    }

    /** For the CSV, read by programs: {@code 1341.69}. */
    public String plain(BigDecimal price) {
        return round(price).toPlainString();
    }

    /** For people (terminal, page, tooltips): {@code 1,341.69}. */
    public String label(BigDecimal price) {
        return grouped(round(price));
    }

    /** A value at its own scale with thousands grouped: an axis tick ({@code 2,000}, {@code 0.5}). */
    public static String grouped(BigDecimal value) {
        DecimalFormat format = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT));
        int scale = Math.max(0, value.scale());
        format.setMinimumFractionDigits(scale);
        format.setMaximumFractionDigits(scale);
        return format.format(value);
    }
}
