package dev.rigwatch.alerts;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One subscription's alerts per UTC day, for its daily cap: the days of the last week up to the newest day seen
 * (alerts from several sources arrive a little out of event-time order, so the previous days stay countable).
 *
 * @param days newest first
 */
record DailyCounts(List<Day> days) {

    static final int DAYS_KEPT = 7;

    /** @param sent alerts let through that day; @param suppressed alerts the cap held back that day */
    record Day(LocalDate day, int sent, int suppressed) {
    }

    DailyCounts {
        days = days == null ? List.of() : List.copyOf(days);
    }

    static DailyCounts none() {
        return new DailyCounts(List.of());
    }

    Day on(LocalDate day) {
        return days.stream().filter(d -> d.day().equals(day)).findFirst().orElse(new Day(day, 0, 0));
    }

    /** These counts with {@code updated} in place of its day's, and days older than a week before the newest dropped. */
    DailyCounts with(Day updated) {
        List<Day> next = new ArrayList<>(days.stream().filter(d -> !d.day().equals(updated.day())).toList());
        next.add(updated);
        next.sort(Comparator.comparing(Day::day).reversed());
        LocalDate oldestKept = next.get(0).day().minusDays(DAYS_KEPT - 1);
        next.removeIf(d -> d.day().isBefore(oldestKept));
        return new DailyCounts(next);
    }
}
