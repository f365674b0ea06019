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
import java.util.regex.Pattern;

/**
 * The times history files write, as instants:
 * <ul>
 *   <li>a number since the epoch, its unit told by its size: seconds below 10<sup>11</sup> (as milliseconds that
 *       would be before March 1973), milliseconds below 10<sup>14</sup>, microseconds from there on (Binance's
 *       newer exports); seconds may have a fraction ({@code 1510185600.5});</li>
 *   <li>ISO-8601, {@code T} or a space between date and time, seconds and fraction optional: with an offset
 *       ({@code 2017-11-09T00:00:00Z}, {@code 2017-11-09 00:00:00+00:00}, {@code +0000}), without one (UTC), or a
 *       date alone (00:00 UTC that day).</li>
 * </ul>
 */
final class Timestamps {

    static final long FIRST_MILLIS = 100_000_000_000L;
    static final long FIRST_MICROS = 100_000_000_000_000L;
    private static final Pattern WHOLE = Pattern.compile("\\d+");
    private static final Pattern FRACTIONAL = Pattern.compile("\\d+\\.\\d+");
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
                    + "microseconds, or ISO-8601 (2017-11-09, 2017-11-09T00:00:00Z, 2017-11-09 00:00:00+00:00)");
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("\"" + text + "\" is out of range: " + e.getMessage());
        }
    }
}
