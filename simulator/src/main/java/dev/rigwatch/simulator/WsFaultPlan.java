package dev.rigwatch.simulator;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Which fraction of the simulator's WebSocket messages go wrong, and how. Message {@code n} (from 0) of connection
 * {@code c} of one exchange gets the fault {@link #faultOf(String, long, long)} draws for it from the seed, so a run
 * whose clients connect in the same order sees the same faults every time.
 *
 * <p>Written for the command line as {@code drop=0.01,silent=0.005,malformed=0.01,reorder=0.01,skip=0.01,seed=7};
 * every key is optional, and {@code none} (or an empty string) is the plan without faults.
 *
 * @param drop      fraction of messages instead of which the connection is cut (TCP closed, no close frame)
 * @param silent    fraction of messages from which on the connection sends nothing at all (no data, no heartbeat,
 *                  no answer) but stays open, until the client gives up and closes it
 * @param malformed fraction of messages sent cut off halfway, so they are not valid JSON
 * @param reorder   fraction of messages held back and sent after the next one: trades out of order, and on
 *                  Coinbase a {@code sequence_num} lower than the one before it
 * @param skip      Coinbase only: fraction of messages after which {@code sequence_num} skips a number, as when a
 *                  message is lost; elsewhere nothing happens
 * @param seed      the seed of the fault sequence
 */
public record WsFaultPlan(double drop, double silent, double malformed, double reorder, double skip, long seed) {

    public static final long DEFAULT_SEED = 1;
    public static final WsFaultPlan NONE = new WsFaultPlan(0, 0, 0, 0, 0, DEFAULT_SEED);

    /** What happens to one message. */
    public enum Fault { NONE, DROP, SILENT, MALFORMED, REORDER, SKIP }

    public WsFaultPlan {
        requireFraction("drop", drop);
        requireFraction("silent", silent);
        requireFraction("malformed", malformed);
        requireFraction("reorder", reorder);
        requireFraction("skip", skip);
        if (drop + silent + malformed + reorder + skip > 1 + 1e-9) {
            throw new IllegalArgumentException("WebSocket fault fractions add up to more than 1: " + describe(drop,
                    silent, malformed, reorder, skip, seed));
        }
    }

    /**
     * Parses {@code drop=0.01,silent=0.005,malformed=0.01,reorder=0.01,skip=0.01,seed=7}: fractions from 0 to 1.
     * Unset fractions are 0, the seed defaults to {@value #DEFAULT_SEED}.
     */
    public static WsFaultPlan parse(String spec) {
        String trimmed = spec == null ? "" : spec.strip();
        if (trimmed.isEmpty() || trimmed.equalsIgnoreCase("none")) {
            return NONE;
        }
        double[] fractions = new double[5];
        long seed = DEFAULT_SEED;
        Set<String> seen = new HashSet<>();
        for (String part : trimmed.split(",")) {
            String[] keyValue = part.split("=", -1);
            if (keyValue.length != 2 || keyValue[0].isBlank() || keyValue[1].isBlank()) {
                throw invalid(spec, "'" + part.strip() + "' is not key=value");
            }
            String key = keyValue[0].strip().toLowerCase(Locale.ROOT);
            String value = keyValue[1].strip();
            if (!seen.add(key)) {
                throw invalid(spec, key + " is given twice");
            }
            switch (key) {
                case "drop" -> fractions[0] = fraction(spec, key, value);
                case "silent" -> fractions[1] = fraction(spec, key, value);
                case "malformed" -> fractions[2] = fraction(spec, key, value);
                case "reorder" -> fractions[3] = fraction(spec, key, value);
                case "skip" -> fractions[4] = fraction(spec, key, value);
                case "seed" -> seed = number(spec, value);
                default -> throw invalid(spec,
                        "unknown key '" + key + "': expected drop, silent, malformed, reorder, skip or seed");
            }
        }
        try {
            return new WsFaultPlan(fractions[0], fractions[1], fractions[2], fractions[3], fractions[4], seed);
        } catch (IllegalArgumentException e) {
            throw invalid(spec, e.getMessage());
        }
    }

    /**
     * The fault of message {@code message} (from 0) of connection {@code connection} (from 0) to
     * {@code exchange}'s feed.
     */
    public Fault faultOf(String exchange, long connection, long message) {
        if (isNone()) {
            return Fault.NONE;
        }
        double u = Noise.unit(seed, exchange + " ws " + connection, message, Noise.Use.FAULT);
        double bound = drop;
        if (u < bound) {
            return Fault.DROP;
        }
        if (u < (bound += silent)) {
            return Fault.SILENT;
        }
        if (u < (bound += malformed)) {
            return Fault.MALFORMED;
        }
        if (u < (bound += reorder)) {
            return Fault.REORDER;
        }
        return u < bound + skip ? Fault.SKIP : Fault.NONE;
    }

    public boolean isNone() {
        return drop == 0 && silent == 0 && malformed == 0 && reorder == 0 && skip == 0;
    }

    /** The plan in the form {@link #parse} reads. */
    @Override
    public String toString() {
        return isNone() ? "none" : describe(drop, silent, malformed, reorder, skip, seed);
    }

    private static String describe(double drop, double silent, double malformed, double reorder, double skip,
                                   long seed) {
        return "drop=" + drop + ",silent=" + silent + ",malformed=" + malformed + ",reorder=" + reorder + ",skip="
                + skip + ",seed=" + seed;
    }

    private static void requireFraction(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException("WebSocket fault fraction " + name + " must be from 0 to 1, was "
                    + value);
        }
    }

    private static double fraction(String spec, String key, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw invalid(spec, key + "=" + value + " is not a number");
        }
    }

    private static long number(String spec, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw invalid(spec, "seed=" + value + " is not a whole number");
        }
    }

    private static IllegalArgumentException invalid(String spec, String problem) {
        return new IllegalArgumentException("invalid WebSocket fault plan '" + spec + "': " + problem);
    }
}
