package dev.rigwatch.simulator;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which fraction of the simulator's requests fail, and how: the exchanges' tickers and candles and the
 * marketplaces' endpoints alike. Request {@code n} of one endpoint gets the fault {@link #faultOf(String, long)}
 * draws for it from the seed, so a run's sequence of faults is the same every time (per endpoint, whatever the other
 * endpoints are asked meanwhile).
 *
 * <p>Written for the command line as {@code 429=0.05,500=0.05,garbage=0.05,slow=0.02,delay=3s,seed=7}; every key
 * is optional, and {@code none} (or an empty string) is the plan without faults.
 *
 * @param rateLimited  fraction answered 429 with {@code Retry-After: 1} and the service's error body (Kraken: 200
 *                     with {@code EAPI:Rate limit exceeded})
 * @param serverError  fraction answered 500 with an HTML error page
 * @param garbage      fraction answered 200 with the real body cut off halfway, so it is not valid JSON
 * @param slow         fraction answered correctly, but only after {@code slowDelay}
 * @param slowDelay    how long a slow answer takes: longer than the clients' read timeout
 * @param seed         the seed of the fault sequence
 */
public record FaultPlan(double rateLimited, double serverError, double garbage, double slow, Duration slowDelay,
                        long seed) {

    public static final Duration DEFAULT_SLOW_DELAY = Duration.ofSeconds(3);
    public static final long DEFAULT_SEED = 1;
    public static final FaultPlan NONE = new FaultPlan(0, 0, 0, 0, DEFAULT_SLOW_DELAY, DEFAULT_SEED);

    /** What happens to one request. */
    public enum Fault { NONE, RATE_LIMITED, SERVER_ERROR, GARBAGE, SLOW }

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s)");

    public FaultPlan {
        FaultSpec.requireFraction("fault", "429", rateLimited);
        FaultSpec.requireFraction("fault", "500", serverError);
        FaultSpec.requireFraction("fault", "garbage", garbage);
        FaultSpec.requireFraction("fault", "slow", slow);
        if (rateLimited + serverError + garbage + slow > 1 + 1e-9) {
            throw new IllegalArgumentException("fault fractions add up to more than 1: 429=" + rateLimited + ", 500="
                    + serverError + ", garbage=" + garbage + ", slow=" + slow);
        }
        if (slowDelay == null || slowDelay.isNegative() || slowDelay.isZero()) {
            throw new IllegalArgumentException("the delay of slow answers must be positive, was " + slowDelay);
        }
    }

    /**
     * Parses {@code 429=0.05,500=0.05,garbage=0.05,slow=0.02,delay=3s,seed=7}: fractions from 0 to 1, the delay in
     * {@code ms} or {@code s} (or ISO-8601, {@code PT3S}). Unset fractions are 0; the delay defaults to
     * 3 s, the seed to {@value #DEFAULT_SEED}.
     */
    public static FaultPlan parse(String spec) {
        if (FaultSpec.isNone(spec)) {
            return NONE;
        }
        FaultSpec parsed = FaultSpec.parse(spec, "fault plan", List.of("429", "500", "garbage", "slow", "delay", "seed"));
        double rateLimited = parsed.fraction("429");
        double serverError = parsed.fraction("500");
        double garbage = parsed.fraction("garbage");
        double slow = parsed.fraction("slow");
        Duration delay = delay(parsed);
        long seed = parsed.number("seed", DEFAULT_SEED);
        try {
            return new FaultPlan(rateLimited, serverError, garbage, slow, delay, seed);
        } catch (IllegalArgumentException e) {
            throw parsed.invalid(e.getMessage());
        }
    }

    /**
     * The fault of request number {@code request} (from 0) of {@code stream}: {@code <exchange> ticker},
     * {@code <exchange> candles}, {@code ebay token}, {@code ebay search} or {@code hardwareswap new}.
     */
    public Fault faultOf(String stream, long request) {
        if (isNone()) {
            return Fault.NONE;
        }
        double u = Noise.unit(seed, stream, request, Noise.Use.FAULT);
        if (u < rateLimited) {
            return Fault.RATE_LIMITED;
        }
        if (u < rateLimited + serverError) {
            return Fault.SERVER_ERROR;
        }
        if (u < rateLimited + serverError + garbage) {
            return Fault.GARBAGE;
        }
        return u < rateLimited + serverError + garbage + slow ? Fault.SLOW : Fault.NONE;
    }

    public boolean isNone() {
        return rateLimited == 0 && serverError == 0 && garbage == 0 && slow == 0;
    }

    /** The plan in the form {@link #parse} reads. */
    @Override
    public String toString() {
        if (isNone()) {
            return "none";
        }
        return "429=" + rateLimited + ",500=" + serverError + ",garbage=" + garbage + ",slow=" + slow
                + ",delay=" + slowDelay.toMillis() + "ms,seed=" + seed;
    }

    private static Duration delay(FaultSpec parsed) {
        String value = parsed.text("delay");
        if (value == null) {
            return DEFAULT_SLOW_DELAY;
        }
        Matcher m = DURATION.matcher(value.toLowerCase(Locale.ROOT));
        try {
            if (m.matches()) {
                long amount = Long.parseLong(m.group(1));
                return m.group(2).equals("ms") ? Duration.ofMillis(amount) : Duration.ofSeconds(amount);
            }
            return Duration.parse(value);
        } catch (NumberFormatException | DateTimeParseException e) {
            throw parsed.invalid("delay=" + value + " is not a duration such as 3s, 500ms or PT3S");
        }
    }
}
