package dev.rigwatch.alerts;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An event record's fields as the text map an alert carries: nested records as {@code thresholds.drawdownPct}, lists
 * as {@code components[0].z}, decimals exact and plain, times and durations ISO-8601, nulls left out. Read from the
 * record's components, so a field added to an event shows up in its alerts without a change here.
 */
final class TriggerFields {

    private TriggerFields() {
    }

    static Map<String, String> of(Record event) {
        Map<String, String> fields = new LinkedHashMap<>();
        add(fields, "", event);
        return fields;
    }

    private static void add(Map<String, String> fields, String name, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof Record record) {
            String prefix = name.isEmpty() ? "" : name + ".";
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                add(fields, prefix + component.getName(), read(record, component));
            }
        } else if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                add(fields, name + "[" + i++ + "]", item);
            }
        } else if (value instanceof BigDecimal decimal) {
            fields.put(name, decimal.toPlainString());
        } else {
            fields.put(name, value.toString());
        }
    }

    private static Object read(Record record, RecordComponent component) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component.getName() + " of " + record.getClass(), e);
        }
    }
}
