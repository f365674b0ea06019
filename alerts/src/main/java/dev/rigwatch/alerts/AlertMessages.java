package dev.rigwatch.alerts;

import dev.rigwatch.events.MinerCapitulation;
import dev.rigwatch.events.ReboundSignal;
import dev.rigwatch.events.SourceGap;
import dev.rigwatch.events.outcome.PricePrecision;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** The one-line messages alerts carry, and how numbers read in them: {@code 100,012.50}, {@code 5.26%}, {@code 1h}. */
final class AlertMessages {

    /** The subject of amounts in dollars, for their precision. */
    private static final String USD = "USD";

    private AlertMessages() {
    }

    static String rebound(ReboundSignal signal) {
        return String.format(Locale.ROOT,
                "%s rebounded %+.1f%% from %s (after a %.1f%% drawdown from %s); now %s, held over %d %s closes;"
                        + " strength %.2f",
                signal.subject(), signal.recoveryPct(), price(signal.subject(), signal.trough()), signal.drawdownPct(),
                price(signal.subject(), signal.peak()), price(signal.subject(), signal.price()), signal.confirmations(), duration(signal.interval()),
                signal.strength());
    }

    static String capitulation(String subject, MinerCapitulation capitulation) {
        return subject + " no longer pays to mine: " + price(USD, capitulation.profitUsdPerDay()) + " USD/day with "
                + capitulation.instrument() + " at " + price(USD, capitulation.coinPriceUsd()) + " (break-even "
                + price(USD, capitulation.breakEvenCoinPriceUsd()) + ")";
    }

    /** A feed gone unhealthy: how long without a good tick, the failed polls and their last cause. */
    static String feedStale(String subject, SourceGap gap) {
        return subject + " feed unhealthy: no good tick for " + duration(seconds(gap.silence())) + ", "
                + gap.failedPolls() + " polls failed in a row"
                + (gap.lastFailure() == null ? " (polls answered, but no new trade)" : " (last: " + gap.lastFailure() + ")");
    }

    /** The feed back, and whether its gap was filled from the exchange's candles. */
    static String feedRecovered(String subject, SourceGap gap) {
        return subject + " feed recovered after " + duration(seconds(gap.silence())) + " without a good tick"
                + (gap.backfillError() != null ? "; the gap could not be filled: " + gap.backfillError()
                : gap.backfilledCandles() != null ? "; the gap was filled with " + gap.backfilledCandles() + " candles"
                : "");
    }

    private static Duration seconds(Duration duration) {
        return duration == null ? Duration.ZERO : duration.truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * A price of {@code subject} with grouped thousands, at least 2 decimals, and as many more as {@link PricePrecision}
     * shows for it: {@code 0.00001234} BTC stays exact, imported float noise in USD ({@code 697.9509887695312}) does not.
     */
    static String price(String subject, BigDecimal price) {
        DecimalFormat format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
        format.setMaximumFractionDigits(Math.max(2, PricePrecision.of(subject, price).decimals()));
        format.setRoundingMode(RoundingMode.HALF_UP);
        return format.format(price);
    }

    /** A level as written: {@code 80}, {@code 72.5}. */
    static String number(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    /** A tightness index to one decimal. */
    static String index(BigDecimal value) {
        return value.setScale(1, RoundingMode.HALF_EVEN).toPlainString();
    }

    static String percent(BigDecimal pct) {
        return pct.setScale(2, RoundingMode.HALF_EVEN).toPlainString() + "%";
    }

    /** {@code 1m}, {@code 1h}, {@code 24h}, {@code 1h30m}; {@code 0s}. */
    static String duration(Duration duration) {
        return duration.isZero() ? "0s" : duration.toString().substring(2).toLowerCase(Locale.ROOT);
    }
}
