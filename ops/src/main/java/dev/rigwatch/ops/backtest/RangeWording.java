package dev.rigwatch.ops.backtest;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;

/** A backtest's range as people write it: {@code 2017-11-09 to 2024-12-09}, exact instants only where needed. */
public final class RangeWording {

    private RangeWording() {
    }

    public static String of(Instant from, Instant to) {
        return time(from) + " to " + time(to);
    }

    /** A midnight UTC as its date ({@code 2017-11-09}, the form {@code --from} takes), any other time as ISO-8601. */
    public static String time(Instant time) {
        return time.atZone(ZoneOffset.UTC).toLocalTime().equals(LocalTime.MIDNIGHT)
                ? time.atZone(ZoneOffset.UTC).toLocalDate().toString() : time.toString();
    }
}
