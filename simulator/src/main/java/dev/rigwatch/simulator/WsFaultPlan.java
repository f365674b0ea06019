package dev.rigwatch.simulator;

import java.util.List;

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
        FaultSpec.requireFraction("WebSocket fault", "drop", drop);
        FaultSpec.requireFraction("WebSocket fault", "silent", silent);
        FaultSpec.requireFraction("WebSocket fault", "malformed", malformed);
        FaultSpec.requireFraction("WebSocket fault", "reorder", reorder);
        FaultSpec.requireFraction("WebSocket fault", "skip", skip);
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
        if (FaultSpec.isNone(spec)) {
            return NONE;
        }
        FaultSpec parsed = FaultSpec.parse(spec, "WebSocket fault plan",
                List.of("drop", "silent", "malformed", "reorder", "skip", "seed"));
        double drop = parsed.fraction("drop");
        double silent = parsed.fraction("silent");
        double malformed = parsed.fraction("malformed");
        double reorder = parsed.fraction("reorder");
        double skip = parsed.fraction("skip");
        long seed = parsed.number("seed", DEFAULT_SEED);
        try {
            return new WsFaultPlan(drop, silent, malformed, reorder, skip, seed);
        } catch (IllegalArgumentException e) {
            throw parsed.invalid(e.getMessage());
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
}
