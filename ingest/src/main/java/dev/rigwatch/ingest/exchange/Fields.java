package dev.rigwatch.ingest.exchange;

import dev.rigwatch.ingest.http.InvalidResponse;
import dev.rigwatch.events.Candle;
import dev.rigwatch.ingest.RejectReason;
import dev.rigwatch.ingest.resilience.TickValidator;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Checks and conversions that every adapter applies to the raw fields of its DTOs, so that a missing field, a
 * price that is not a positive number or an inconsistent candle is reported in the same words for every
 * exchange. Decimals are parsed from the exact text the exchange sent, never through a double.
 */
public final class Fields {

    /** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z in epoch seconds. */
    private static final long FIRST_SECOND = -62_167_219_200L;
    private static final long LAST_SECOND = 253_402_300_799L;

    private Fields() {
    }

    public static <T> T required(String field, T value) throws InvalidResponse {
        if (value == null) {
            throw new InvalidResponse(RejectReason.MALFORMED_JSON, "field " + field + " is missing");
        }
        return value;
    }

    /** Element {@code index} of an array field, e.g. Kraken's {@code c[0]}. */
    public static <T> T element(String field, List<T> values, int index) throws InvalidResponse {
        if (values == null || values.size() <= index || values.get(index) == null) {
            throw new InvalidResponse(RejectReason.MALFORMED_JSON, "field " + field + "[" + index + "] is missing");
        }
        return values.get(index);
    }

    /** A price sent as a string: present, a number, positive. */
    public static BigDecimal price(String field, String text) throws InvalidResponse {
        BigDecimal value = decimalOrNull(required(field, text));
        if (value == null) {
            throw new InvalidResponse(RejectReason.INVALID_PRICE, field + " '" + text + "' is not a number");
        }
        return price(field, value);
    }

    /**
     * A decimal sent as a string: present and a number, of any sign. For the WebSocket feeds, whose ticks go to the
     * {@code TickValidator}, which judges a price that is not positive or implausibly large (and says so as
     * {@code invalid-price}); text that is no number at all is a malformed frame.
     */
    public static BigDecimal decimal(String field, String text) throws InvalidResponse {
        BigDecimal value = decimalOrNull(required(field, text));
        if (value == null) {
            throw new InvalidResponse(RejectReason.MALFORMED_JSON, field + " '" + text + "' is not a number");
        }
        return value;
    }

    /** A price sent as a JSON number: present, positive. */
    public static BigDecimal price(String field, BigDecimal value) throws InvalidResponse {
        if (required(field, value).signum() <= 0) {
            throw new InvalidResponse(RejectReason.INVALID_PRICE, field + " " + TickValidator.text(value) + " is not positive");
        }
        return value;
    }

    /** A volume sent as a string: present, a number, not negative. */
    public static BigDecimal volume(String field, String text) throws InvalidResponse {
        BigDecimal value = decimalOrNull(required(field, text));
        if (value == null) {
            throw new InvalidResponse(RejectReason.MALFORMED_JSON, field + " '" + text + "' is not a non-negative number");
        }
        return volume(field, value);
    }

    /** A volume sent as a JSON number: present, not negative. */
    public static BigDecimal volume(String field, BigDecimal value) throws InvalidResponse {
        if (required(field, value).signum() < 0) {
            throw new InvalidResponse(RejectReason.MALFORMED_JSON,
                    field + " '" + TickValidator.text(value) + "' is not a non-negative number");
        }
        return value;
    }

    /** Whole seconds since the epoch sent as a string (Bitstamp's {@code timestamp}). */
    public static Instant epochSeconds(String field, String text) throws InvalidResponse {
        long seconds;
        try {
            seconds = Long.parseLong(required(field, text));
        } catch (NumberFormatException e) {
            throw new InvalidResponse(RejectReason.MALFORMED_JSON, field + " '" + text + "' is not a time in epoch seconds");
        }
        return epochSeconds(field, seconds);
    }

    /**
     * Whole seconds since the epoch sent as a number, within the years 0 to 9999: {@link Instant} throws (an
     * unchecked {@code DateTimeException}) past about the year 10^9, and a window's end must fit after its start.
     */
    public static Instant epochSeconds(String field, long seconds) throws InvalidResponse {
        if (seconds < FIRST_SECOND || seconds > LAST_SECOND) {
            throw new InvalidResponse(RejectReason.MALFORMED_JSON, field + " " + seconds
                    + " is not a time in epoch seconds between the years 0 and 9999");
        }
        return Instant.ofEpochSecond(seconds);
    }

    /**
     * An exchange's own candle (no ticks: it was not built by rigwatch), its window from the exchange's open time;
     * prices present, positive and not above {@link TickValidator.Settings#DEFAULT_MAX_PRICE} (nothing checks a
     * candle after its adapter, as the validator checks ticks), the volume not negative, open and close within low
     * and high.
     */
    public static Candle candle(String instrument, Instant openTime, Duration interval, BigDecimal open,
                                BigDecimal high, BigDecimal low, BigDecimal close, BigDecimal volume)
            throws InvalidResponse {
        price("open", open);
        price("high", high);
        price("low", low);
        price("close", close);
        volume("volume", volume);
        for (BigDecimal value : List.of(open, high, low, close)) {
            String above = TickValidator.abovePlausibleMaximum("price", value);
            if (above != null) {
                throw new InvalidResponse(RejectReason.INVALID_PRICE, "candle at " + openTime + ": " + above);
            }
        }
        if (low.compareTo(open.min(close)) > 0 || high.compareTo(open.max(close)) < 0) {
            throw new InvalidResponse(RejectReason.INVALID_PRICE, "candle at " + openTime + ": open "
                    + TickValidator.text(open) + " and close " + TickValidator.text(close) + " are not within low "
                    + TickValidator.text(low) + " and high " + TickValidator.text(high));
        }
        return new Candle(Candle.VERSION, instrument, interval, openTime, openTime.plus(interval), open, high, low,
                close, volume, 0);
    }

    /** {@link #candle(String, Instant, Duration, BigDecimal, BigDecimal, BigDecimal, BigDecimal, BigDecimal)} from decimals sent as strings. */
    public static Candle candle(String instrument, Instant openTime, Duration interval, String open, String high,
                                String low, String close, String volume) throws InvalidResponse {
        return candle(instrument, openTime, interval, price("open", open), price("high", high), price("low", low),
                price("close", close), volume("volume", volume));
    }

    private static BigDecimal decimalOrNull(String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
