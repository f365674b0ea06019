package dev.rigwatch.ops.replay;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * How fast a replay runs against its records' event time: {@code 60x} replays an hour of event time in a minute,
 * {@code max} does not wait at all.
 *
 * @param factor event time per wall-clock time; {@link Double#POSITIVE_INFINITY} for {@code max}
 */
public record ReplaySpeed(double factor) {

    public static final ReplaySpeed MAX = new ReplaySpeed(Double.POSITIVE_INFINITY);

    public ReplaySpeed {
        if (!(factor > 0)) {
            throw new IllegalArgumentException("a replay speed is above 0x, got " + factor);
        }
    }

    /** {@code max}, or a positive number followed by {@code x}: {@code 10x}, {@code 0.5x}, {@code 3600x}. */
    public static ReplaySpeed parse(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.equals("max")) {
            return MAX;
        }
        if (value.endsWith("x")) {
            try {
                BigDecimal factor = new BigDecimal(value.substring(0, value.length() - 1));
                if (factor.signum() > 0) {
                    return new ReplaySpeed(factor.doubleValue());
                }
            } catch (NumberFormatException e) {
                // falls through to the message naming the accepted forms
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a replay speed: use e.g. 10x, 0.5x or max");
    }

    public boolean paced() {
        return factor != Double.POSITIVE_INFINITY;
    }

    @Override
    public String toString() {
        return paced() ? BigDecimal.valueOf(factor).stripTrailingZeros().toPlainString() + "x" : "max";
    }
}
