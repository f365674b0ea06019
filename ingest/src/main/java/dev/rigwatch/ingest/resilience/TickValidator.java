package dev.rigwatch.ingest.resilience;

import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.ingest.resilience.TickVerdict.Invalid;
import dev.rigwatch.ingest.resilience.TickVerdict.Reason;
import dev.rigwatch.ingest.resilience.TickVerdict.Valid;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a {@link CryptoTick} before it is produced, against itself and against the last good tick of the same
 * instrument ({@link CryptoTick#key()}). The first failing check decides the verdict, in this order:
 * <ol>
 *   <li>{@code invalid-price}: price, bid or ask not positive or above {@code maxPrice}, or bid above ask;</li>
 *   <li>{@code clock-skew}: exchange time more than {@code maxClockSkew} after the received time;</li>
 *   <li>{@code stale}: exchange time more than {@code maxStaleness} before the received time;</li>
 *   <li>{@code out-of-order}: exchange time before the last good tick's (equal is fine: the same trade again);</li>
 *   <li>{@code price-jump}: price more than {@code maxJump} (relative) away from the last good price.</li>
 * </ol>
 * The time checks apply only to ticks with an exchange time. Only a valid tick becomes the last good one, so one
 * bad print cannot shift the baseline the next tick is judged by.
 *
 * <p>A jump can also be the truth: a baseline that was itself a bad print (the first tick has nothing to be
 * compared with), or a real move during a long gap in polling. So when {@code jumpConfirmations} ticks in a row
 * are rejected as jumps and each is within {@code maxJump} of the first of them, the last of them is accepted as
 * the new level, and logged. A tick accepted normally in between starts the count again.
 *
 * <p>Thread-safe: ticks of one instrument are checked one at a time, those of different instruments in
 * parallel. It keeps one small entry per instrument seen.
 */
public final class TickValidator {

    private static final Logger log = LoggerFactory.getLogger(TickValidator.class);

    /**
     * @param maxJump           the largest accepted relative move from the last good price:
     *                          {@code |price - last| <= last * maxJump}
     * @param jumpConfirmations how many consecutive jumps to a consistent level make it the new level; at least 2
     * @param maxStaleness      how far the exchange time may be behind the received time
     * @param maxClockSkew      how far the exchange time may be ahead of the received time
     * @param maxPrice          the largest plausible price, bid or ask
     */
    public record Settings(double maxJump, int jumpConfirmations, Duration maxStaleness, Duration maxClockSkew,
                           BigDecimal maxPrice) {

        /**
         * 50 %: accepted prices lie in {@code [0.5 * last, 1.5 * last]}. Bitcoin's worst days (12 March 2020,
         * about -40 % in a day) move far less between two polls seconds apart; what lands outside is garbage: a
         * misplaced decimal point (x10, /10), another product's price (ETH as BTC, /30), a unit error.
         */
        public static final double DEFAULT_MAX_JUMP = 0.5;
        /** Three prints agreeing on a level are no longer one bad print. */
        public static final int DEFAULT_JUMP_CONFIRMATIONS = 3;
        /**
         * Five minutes: the ticker's time is that of the last trade, and liquid pairs trade every second; a
         * last trade older than this means the exchange (or a cache in front of it) serves a frozen ticker.
         * Raise it for illiquid pairs, and for the simulator, whose exchange time starts a day in the past.
         */
        public static final Duration DEFAULT_MAX_STALENESS = Duration.ofMinutes(5);
        /**
         * 30 s: NTP-synchronised clocks agree to well under a second, so more means a broken clock on one side.
         * (The broker would reject record timestamps more than an hour ahead anyway, with less to go on.)
         */
        public static final Duration DEFAULT_MAX_CLOCK_SKEW = Duration.ofSeconds(30);
        /**
         * 10^12: above any real quote, even bitcoin in the weakest currencies (about 2.6 * 10^9 VND), and below
         * values in base units (10^18 wei per ether).
         */
        public static final BigDecimal DEFAULT_MAX_PRICE = new BigDecimal("1E+12");

        public Settings {
            Objects.requireNonNull(maxStaleness, "maxStaleness");
            Objects.requireNonNull(maxClockSkew, "maxClockSkew");
            Objects.requireNonNull(maxPrice, "maxPrice");
            if (!(maxJump > 0) || Double.isInfinite(maxJump)) {
                throw new IllegalArgumentException("max jump must be a positive fraction, was " + maxJump);
            }
            if (jumpConfirmations < 2) {
                throw new IllegalArgumentException("jump confirmations must be at least 2 (1 would accept every "
                        + "jump), was " + jumpConfirmations);
            }
            if (maxStaleness.isNegative()) {
                throw new IllegalArgumentException("max staleness must not be negative, was " + maxStaleness);
            }
            if (maxClockSkew.isNegative()) {
                throw new IllegalArgumentException("max clock skew must not be negative, was " + maxClockSkew);
            }
            if (maxPrice.signum() <= 0) {
                throw new IllegalArgumentException("max price must be positive, was " + maxPrice.toPlainString());
            }
        }

        public static Settings defaults() {
            return new Settings(DEFAULT_MAX_JUMP, DEFAULT_JUMP_CONFIRMATIONS, DEFAULT_MAX_STALENESS,
                    DEFAULT_MAX_CLOCK_SKEW, DEFAULT_MAX_PRICE);
        }

        public Settings withMaxStaleness(Duration staleness) {
            return new Settings(maxJump, jumpConfirmations, staleness, maxClockSkew, maxPrice);
        }
    }

    private static final TickVerdict VALID = new Valid();

    private final Settings settings;
    /** {@code maxJump} as the decimal it was written as, so that the jump check is exact. */
    private final BigDecimal maxJump;
    private final Map<String, LastGood> lastGood = new ConcurrentHashMap<>();

    public TickValidator(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.maxJump = BigDecimal.valueOf(settings.maxJump());
    }

    /** Checks the tick and, when it is valid, makes it its instrument's last good tick. */
    public TickVerdict validate(CryptoTick tick) {
        Outcome[] outcome = new Outcome[1];
        lastGood.compute(tick.key(), (key, last) -> {
            outcome[0] = check(tick, last);
            return outcome[0].lastGood();
        });
        if (outcome[0].newLevelFrom() != null) {
            log.warn("Accepted a new price level for {}: {} after {} ticks in a row agreed on it, {} from the last "
                            + "good {}", tick.key(), tick.price().toPlainString(), settings.jumpConfirmations(),
                    percent(outcome[0].newLevelFrom(), tick.price()), outcome[0].newLevelFrom().toPlainString());
        }
        return outcome[0].verdict();
    }

    private Outcome check(CryptoTick tick, LastGood last) {
        String priceProblem = priceProblem(tick);
        if (priceProblem != null) {
            return rejected(Reason.INVALID_PRICE, priceProblem, last);
        }
        Instant exchangeTime = tick.exchangeTime();
        if (exchangeTime != null) {
            Duration ahead = Duration.between(tick.receivedTime(), exchangeTime);
            if (ahead.compareTo(settings.maxClockSkew()) > 0) {
                return rejected(Reason.CLOCK_SKEW, "exchange time " + exchangeTime + " is " + ahead
                        + " after the received time " + tick.receivedTime() + " (max " + settings.maxClockSkew()
                        + ")", last);
            }
            Duration behind = ahead.negated();
            if (behind.compareTo(settings.maxStaleness()) > 0) {
                return rejected(Reason.STALE, "exchange time " + exchangeTime + " is " + behind
                        + " before the received time " + tick.receivedTime() + " (max " + settings.maxStaleness()
                        + ")", last);
            }
            if (last != null && last.exchangeTime() != null && exchangeTime.isBefore(last.exchangeTime())) {
                return rejected(Reason.OUT_OF_ORDER, "exchange time " + exchangeTime
                        + " is before the last good tick's " + last.exchangeTime(), last);
            }
        }
        if (last == null || withinJump(last.price(), tick.price())) {
            return accepted(tick, null);
        }
        Pending pending = last.pending();
        Pending jumps = pending != null && withinJump(pending.level(), tick.price())
                ? new Pending(pending.level(), pending.count() + 1)
                : new Pending(tick.price(), 1);
        if (jumps.count() >= settings.jumpConfirmations()) {
            return accepted(tick, last.price());
        }
        String detail = "price " + tick.price().toPlainString() + " is " + percent(last.price(), tick.price())
                + " from the last good " + last.price().toPlainString() + " (max "
                + maxJump.movePointRight(2).stripTrailingZeros().toPlainString() + " %); " + jumps.count() + " of "
                + settings.jumpConfirmations() + " consecutive ticks needed to accept a new level";
        return new Outcome(new Invalid(Reason.PRICE_JUMP, detail),
                new LastGood(last.price(), last.exchangeTime(), jumps));
    }

    private String priceProblem(CryptoTick tick) {
        String problem = implausible("price", tick.price());
        if (problem == null && tick.bid() != null) {
            problem = implausible("bid", tick.bid());
        }
        if (problem == null && tick.ask() != null) {
            problem = implausible("ask", tick.ask());
        }
        if (problem == null && tick.bid() != null && tick.ask() != null && tick.bid().compareTo(tick.ask()) > 0) {
            problem = "bid " + tick.bid().toPlainString() + " is above ask " + tick.ask().toPlainString()
                    + " (a crossed book)";
        }
        return problem;
    }

    private String implausible(String field, BigDecimal value) {
        if (value.signum() <= 0) {
            return field + " " + text(value) + " is not positive";
        }
        return aboveMaximum(field, value, settings.maxPrice());
    }

    /**
     * The plausible-maximum rule for every price rigwatch writes that is no tick (an exchange's candle, a listing's
     * price or shipping in its currency and in USD, an imported row): why {@code value} is above
     * {@link Settings#DEFAULT_MAX_PRICE}, or null when it is not. A price that large is a parsing accident.
     */
    public static String abovePlausibleMaximum(String field, BigDecimal value) {
        return aboveMaximum(field, value, Settings.DEFAULT_MAX_PRICE);
    }

    private static String aboveMaximum(String field, BigDecimal value, BigDecimal max) {
        return value.compareTo(max) > 0
                ? field + " " + text(value) + " is above the plausible maximum " + max.toPlainString() : null;
    }

    /**
     * {@code value} for a reject's detail: its plain digits when they are few, else E notation, since a body may
     * send {@code 1e999999999}, whose plain text is a billion characters.
     */
    public static String text(BigDecimal value) {
        return Math.abs((long) value.precision() - value.scale()) <= 40 && value.scale() <= 40 ? value.toPlainString()
                : value.toString();
    }

    private boolean withinJump(BigDecimal reference, BigDecimal price) {
        return price.subtract(reference).abs().compareTo(reference.multiply(maxJump)) <= 0;
    }

    /** The move from {@code reference} to {@code price}, in percent of {@code reference}, for log lines. */
    private static String percent(BigDecimal reference, BigDecimal price) {
        return price.subtract(reference).abs().movePointRight(2).divide(reference, 2, RoundingMode.HALF_UP)
                .toPlainString() + " %";
    }

    private static Outcome accepted(CryptoTick tick, BigDecimal newLevelFrom) {
        return new Outcome(VALID, new LastGood(tick.price(), tick.exchangeTime(), null), newLevelFrom);
    }

    private static Outcome rejected(Reason reason, String detail, LastGood last) {
        return new Outcome(new Invalid(reason, detail), last);
    }

    /**
     * @param price        the last good price
     * @param exchangeTime the last good tick's exchange time, or null when it had none
     * @param pending      the jumps rejected since, when they may be a new level; else null
     */
    private record LastGood(BigDecimal price, Instant exchangeTime, Pending pending) {
    }

    /** {@code count} consecutive jumps, each within {@code maxJump} of {@code level}, the first of them. */
    private record Pending(BigDecimal level, int count) {
    }

    /**
     * @param lastGood     the instrument's state after this tick (null: still none)
     * @param newLevelFrom the previous level, when this tick was accepted as a new one; else null
     */
    private record Outcome(TickVerdict verdict, LastGood lastGood, BigDecimal newLevelFrom) {
        Outcome(TickVerdict verdict, LastGood lastGood) {
            this(verdict, lastGood, null);
        }
    }
}
