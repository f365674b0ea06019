package dev.rigwatch.simulator;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The text of a fault plan, {@code key=value} pairs split by commas ({@code 429=0.05,seed=7}), as
 * {@link FaultPlan} and {@link WsFaultPlan} read it: each key known and given once, each value what its key needs.
 * Every error names the whole spec and the part that is wrong.
 */
final class FaultSpec {

    private final String spec;
    private final String what;
    private final Map<String, String> values = new HashMap<>();

    /**
     * @param what the plan's name for messages, e.g. {@code fault plan}
     * @param keys the keys the plan knows, in the order its messages list them
     */
    private FaultSpec(String spec, String what, List<String> keys) {
        this.spec = spec;
        this.what = what;
        for (String part : spec.strip().split(",")) {
            String[] keyValue = part.split("=", -1);
            if (keyValue.length != 2 || keyValue[0].isBlank() || keyValue[1].isBlank()) {
                throw invalid("'" + part.strip() + "' is not key=value");
            }
            String key = keyValue[0].strip().toLowerCase(Locale.ROOT);
            if (!keys.contains(key)) {
                throw invalid("unknown key '" + key + "': expected "
                        + String.join(", ", keys.subList(0, keys.size() - 1)) + " or " + keys.get(keys.size() - 1));
            }
            if (values.put(key, keyValue[1].strip()) != null) {
                throw invalid(key + " is given twice");
            }
        }
    }

    /** Whether {@code spec} asks for no faults: absent, blank or {@code none}. */
    static boolean isNone(String spec) {
        return spec == null || spec.isBlank() || spec.strip().equalsIgnoreCase("none");
    }

    static FaultSpec parse(String spec, String what, List<String> keys) {
        return new FaultSpec(spec, what, keys);
    }

    /** The fraction {@code key} gives, 0 when it is not given. */
    double fraction(String key) {
        String value = values.get(key);
        try {
            return value == null ? 0 : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw invalid(key + "=" + value + " is not a number");
        }
    }

    /** The whole number {@code key} gives, or {@code otherwise}. */
    long number(String key, long otherwise) {
        String value = values.get(key);
        try {
            return value == null ? otherwise : Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw invalid(key + "=" + value + " is not a whole number");
        }
    }

    /** The text {@code key} gives, or null. */
    String text(String key) {
        return values.get(key);
    }

    IllegalArgumentException invalid(String problem) {
        return new IllegalArgumentException("invalid " + what + " '" + spec + "': " + problem);
    }

    /** Fails unless {@code value} is a fraction from 0 to 1; for the plans' constructors. */
    static void requireFraction(String what, String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(what + " fraction " + name + " must be from 0 to 1, was " + value);
        }
    }
}
