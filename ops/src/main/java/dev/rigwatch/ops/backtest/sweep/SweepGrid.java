package dev.rigwatch.ops.backtest.sweep;

import dev.rigwatch.streams.signal.rebound.ReboundConfig;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The points of a parameter sweep: {@code --sweep drawdown-pct=30,40,50 recovery-pct=10,25} is the cartesian
 * product of the values given, each parameter not swept keeping the run's own value. Every point is a valid
 * {@link ReboundConfig}; anything else is refused with a message naming what is wrong.
 *
 * @param values the swept parameters and their values, in the order given
 * @param points one rebound config per point, the first parameter given varying slowest
 */
public record SweepGrid(Map<SweptParameter, List<Number>> values, List<ReboundConfig> points) {

    public SweepGrid {
        values = new LinkedHashMap<>(values);
        points = List.copyOf(points);
    }

    /**
     * @param specs {@code NAME=V1,V2,...}, one per swept parameter
     * @param run   the run's own parameters, for those not swept
     * @throws IllegalArgumentException naming the spec, the name or the point that is wrong
     */
    public static SweepGrid parse(List<String> specs, ReboundConfig run) {
        if (specs == null || specs.isEmpty()) {
            throw new IllegalArgumentException("--sweep needs at least one NAME=V1,V2,... (names: "
                    + SweptParameter.names() + ")");
        }
        Map<SweptParameter, List<Number>> values = new LinkedHashMap<>();
        for (String spec : specs) {
            int equals = spec.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException("--sweep " + spec + ": write NAME=V1,V2,... e.g. drawdown-pct=30,40,50");
            }
            String name = spec.substring(0, equals).trim();
            SweptParameter parameter = SweptParameter.named(name).orElseThrow(() -> new IllegalArgumentException(
                    "--sweep " + spec + ": '" + name + "' is no rebound parameter (names: " + SweptParameter.names() + ")"));
            if (values.containsKey(parameter)) {
                throw new IllegalArgumentException("--sweep " + spec + ": " + parameter.flag() + " is swept twice");
            }
            values.put(parameter, values(spec, parameter, spec.substring(equals + 1)));
        }
        return new SweepGrid(values, product(values, run));
    }

    private static List<Number> values(String spec, SweptParameter parameter, String list) {
        List<Number> values = new ArrayList<>();
        for (String text : list.split(",", -1)) {
            if (text.isBlank()) {
                throw new IllegalArgumentException("--sweep " + spec + ": an empty value; write e.g. "
                        + parameter.flag() + (parameter.isCount() ? "=2,3" : "=30,40"));
            }
            Number value;
            try {
                value = parameter.parse(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--sweep " + spec + ": '" + text.trim() + "' is not "
                        + (parameter.isCount() ? "a whole number" : "a number"));
            }
            if (values.contains(value)) {
                throw new IllegalArgumentException("--sweep " + spec + ": " + text.trim() + " is given twice");
            }
            values.add(value);
        }
        return values;
    }

    private static List<ReboundConfig> product(Map<SweptParameter, List<Number>> values, ReboundConfig run) {
        List<Map<SweptParameter, Number>> tuples = new ArrayList<>(List.of(new EnumMap<>(SweptParameter.class)));
        values.forEach((parameter, list) -> {
            List<Map<SweptParameter, Number>> longer = new ArrayList<>();
            for (Map<SweptParameter, Number> tuple : tuples) {
                for (Number value : list) {
                    Map<SweptParameter, Number> next = new EnumMap<>(tuple);
                    next.put(parameter, value);
                    longer.add(next);
                }
            }
            tuples.clear();
            tuples.addAll(longer);
        });
        List<ReboundConfig> points = new ArrayList<>();
        for (Map<SweptParameter, Number> tuple : tuples) {
            try {
                points.add(new ReboundConfig(
                        tuple.getOrDefault(SweptParameter.DRAWDOWN_PCT, run.drawdownPct()).doubleValue(),
                        tuple.getOrDefault(SweptParameter.RECOVERY_PCT, run.recoveryPct()).doubleValue(),
                        tuple.getOrDefault(SweptParameter.CONFIRM_WINDOWS, run.confirmWindows()).intValue(),
                        tuple.getOrDefault(SweptParameter.LOOKBACK_WINDOWS, run.lookbackWindows()).intValue()));
            } catch (IllegalArgumentException e) {
                StringBuilder point = new StringBuilder();
                tuple.forEach((p, v) -> point.append(point.isEmpty() ? "" : " ").append(p.flag()).append('=')
                        .append(v instanceof Double d ? ReboundConfig.number(d) : v));
                throw new IllegalArgumentException("--sweep: the point " + point + " is no valid rebound rule: "
                        + e.getMessage());
            }
        }
        return points;
    }
}
