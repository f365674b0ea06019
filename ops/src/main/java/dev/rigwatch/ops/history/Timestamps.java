package dev.rigwatch.ops.history;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The times history files write, as instants:
 * <ul>
 *   <li>a number since the epoch, its unit told by its size: seconds below 10<sup>11</sup> (as milliseconds that
 *       would be before March 1973), milliseconds below 10<sup>14</sup>, microseconds from there on (Binance's
 *       newer exports); seconds may have a fraction ({@code 1510185600.5});</li>
 *   <li>ISO-8601, {@code T} or a space between date and time, seconds and fraction optional: with an offset
 *       ({@code 2017-11-09T00:00:00Z}, {@code 2017-11-09 00:00:00+00:00}, {@code +0000}), without one (UTC), or a
 *       date alone (00:00 UTC that day);</li>
 *   <li>a date and a 12-hour clock hour, as CryptoDataDownload's hourly exports write it, in UTC:
 *       {@code 2020-02-25 12-AM} (midnight), {@code 2020-02-25 01-PM}; also {@code 2020-02-25 01 PM}.</li>
 * </ul>
 */
final class Timestamps {

    static final long FIRST_MILLIS = 100_000_000_000L;
    static final long FIRST_MICROS = 100_000_000_000_000L;
    private static final Pattern WHOLE = Pattern.compile("\\d+");
    private static final Pattern FRACTIONAL = Pattern.compile("\\d+\\.\\d+");
    private static final Pattern DATE_AND_HOUR = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2})[ T](\\d{1,2})[- ]?([AaPp][Mm])");
    private static final DateTimeFormatter ISO = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart()
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalEnd()
            .toFormatter();

    private Timestamps() {
    }

    /** @throws IllegalArgumentException saying which forms are accepted */
    static Instant parse(String text) {
        try {
            if (WHOLE.matcher(text).matches()) {
                long n = Long.parseLong(text);
                if (n < FIRST_MILLIS) {
                    return Instant.ofEpochSecond(n);
                }
                return n < FIRST_MICROS ? Instant.ofEpochMilli(n)
                        : Instant.ofEpochSecond(n / 1_000_000, n % 1_000_000 * 1_000);
            }
            if (FRACTIONAL.matcher(text).matches()) {
                BigDecimal seconds = new BigDecimal(text);
                long whole = seconds.longValue();
                // nanosecond precision: a finer fraction is cut, not rounded into the next second
                return Instant.ofEpochSecond(whole, seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).intValue());
            }
            Matcher hour = DATE_AND_HOUR.matcher(text);
            if (hour.matches()) {
                return dateAndHour(text, hour);
            }
            TemporalAccessor parsed = ISO.parseBest(text, OffsetDateTime::from, LocalDateTime::from, LocalDate::from);
            if (parsed instanceof OffsetDateTime offset) {
                return offset.toInstant();
            }
            if (parsed instanceof LocalDateTime local) {
                return local.toInstant(ZoneOffset.UTC);
            }
            return ((LocalDate) parsed).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not a time: epoch seconds, milliseconds or "
                    + "microseconds, ISO-8601 (2017-11-09, 2017-11-09T00:00:00Z, 2017-11-09 00:00:00+00:00), or a date "
                    + "and hour (2020-02-25 12-AM)");
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("\"" + text + "\" is out of range: " + e.getMessage());
        }
    }

    /** 12-AM is midnight and 12-PM noon, as on any 12-hour clock. */
    private static Instant dateAndHour(String text, Matcher hour) {
        int h = Integer.parseInt(hour.group(2));
        if (h < 1 || h > 12) {
            throw new IllegalArgumentException("\"" + text + "\" has hour " + h + ": a 12-hour clock runs 1 to 12");
        }
        boolean pm = hour.group(3).equalsIgnoreCase("PM");
        return LocalDate.parse(hour.group(1)).atTime(h % 12 + (pm ? 12 : 0), 0).toInstant(ZoneOffset.UTC);
    }
}
