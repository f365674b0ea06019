package dev.rigwatch.events.json;

import java.time.Instant;
import java.time.LocalDate;

/**
 * ISO-8601 UTC instants ({@code 2026-12-06T22:59:41.150Z}) written and read without {@code DateTimeFormatter}, which
 * took a fifth of the streams stage's time: every event carries two or three instants and every hop of the
 * topology reads or writes them. The text is exactly what {@link Instant#toString()} writes (fraction in groups of
 * three digits, none when whole); anything else, such as years past 9999 or an offset other than {@code Z}, is left
 * to the JDK ({@link #parse} returns null, {@link #format} falls back to {@link Instant#toString()}).
 */
public final class IsoInstants {

    private static final long SECONDS_PER_DAY = 86_400;

    private IsoInstants() {
    }

    /** {@link Instant#toString()}, faster for years 0000 to 9999. */
    public static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        long day = Math.floorDiv(seconds, SECONDS_PER_DAY);
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        LocalDate date = LocalDate.ofEpochDay(day);
        int year = date.getYear();
        if (year < 0 || year > 9999) {
            return instant.toString();
        }
        int nano = instant.getNano();
        int digits = nano == 0 ? 0 : nano % 1_000_000 == 0 ? 3 : nano % 1_000 == 0 ? 6 : 9;
        char[] text = new char[20 + (digits == 0 ? 0 : digits + 1)];
        put(text, 0, year, 4);
        text[4] = '-';
        put(text, 5, date.getMonthValue(), 2);
        text[7] = '-';
        put(text, 8, date.getDayOfMonth(), 2);
        text[10] = 'T';
        put(text, 11, secondOfDay / 3600, 2);
        text[13] = ':';
        put(text, 14, secondOfDay / 60 % 60, 2);
        text[16] = ':';
        put(text, 17, secondOfDay % 60, 2);
        int at = 19;
        if (digits > 0) {
            text[at++] = '.';
            put(text, at, nano / pow10(9 - digits), digits);
            at += digits;
        }
        text[at] = 'Z';
        return new String(text);
    }

    /**
     * The instant of {@code text} when it has exactly the shape {@link #format} writes (any fraction of 1 to 9
     * digits), else null: the caller then asks the JDK, which knows every other ISO form and names what is wrong.
     */
    public static Instant parse(String text) {
        int length = text.length();
        if (length < 20 || length > 30 || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-'
                || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 28 && day > LocalDate.of(year, month, 1).lengthOfMonth()
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int nano = 0;
        if (length > 20) {
            int fraction = length - 21;
            if (text.charAt(19) != '.' || fraction < 1 || fraction > 9) {
                return null;
            }
            int value = digits(text, 20, fraction);
            if (value < 0) {
                return null;
            }
            nano = value * pow10(9 - fraction);
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second, nano);
    }

    /** The number of {@code count} decimal digits at {@code from}, or -1 when one is not a digit. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private static void put(char[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    private static int pow10(int n) {
        int value = 1;
        for (int i = 0; i < n; i++) {
            value *= 10;
        }
        return value;
    }
}
