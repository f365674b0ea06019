package dev.rigwatch.ingest.listing.feed;

import dev.rigwatch.ingest.listing.SourceListing;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One row of a feed, as names and values: the columns of a CSV row or the fields of a JSON line. The column names
 * are in {@link OperatorFeedSource}'s class comment.
 *
 * @param line   the 1-based line the row starts on
 * @param values column name (lower case) to value; blank values are left out
 * @param raw    the row as the file has it
 */
record FeedRow(int line, Map<String, String> values, String raw) {

    static final String LISTING_ID = "listing_id";
    static final String TITLE = "title";
    static final String PRICE = "price";
    static final String CURRENCY = "currency";
    static final String SHIPPING = "shipping";
    static final String CONDITION = "condition";
    static final String AUCTION = "auction";
    static final String SELLER = "seller";
    static final String LOCATION = "location";
    static final String URL = "url";
    static final String LISTED_AT = "listed_at";
    static final String OBSERVED_AT = "observed_at";

    static final String DEFAULT_CURRENCY = "USD";
    /** Epoch numbers from here on are milliseconds: as seconds they would be past the year 5000. */
    static final long FIRST_EPOCH_MILLIS = 100_000_000_000L;
    private static final Pattern CURRENCY_CODE = Pattern.compile("[A-Za-z]{3}");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("\\d+");
    private static final Pattern DECIMAL_NUMBER = Pattern.compile("\\d+\\.\\d+");

    /** A row that cannot be a listing; the message says which value and why. */
    static final class MalformedRow extends Exception {
        MalformedRow(String detail) {
            // a value, not a bug: no stack trace
            super(detail, null, false, false);
        }
    }

    /**
     * The row as a listing.
     *
     * @param readAt when the feed was read: the observation time of rows without {@code observed_at}
     */
    SourceListing toListing(Instant readAt) throws MalformedRow {
        String listingId = required(LISTING_ID);
        String title = required(TITLE);
        BigDecimal price = decimal(PRICE, required(PRICE));
        String currency = values.getOrDefault(CURRENCY, DEFAULT_CURRENCY);
        if (!CURRENCY_CODE.matcher(currency).matches()) {
            throw new MalformedRow(CURRENCY + " \"" + currency + "\" is not a 3-letter code");
        }
        String shipping = values.get(SHIPPING);
        String listedAt = values.get(LISTED_AT);
        String observedAt = values.get(OBSERVED_AT);
        return new SourceListing(
                listingId,
                title,
                values.get(CONDITION),
                auction(),
                price,
                currency.toUpperCase(Locale.ROOT),
                shipping == null ? null : decimal(SHIPPING, shipping),
                values.get(SELLER),
                values.get(LOCATION),
                values.get(URL),
                listedAt == null ? null : time(LISTED_AT, listedAt),
                observedAt == null ? readAt : time(OBSERVED_AT, observedAt),
                raw);
    }

    /** The row's listing id, when it has one: a malformed row is still reported under it. */
    String listingIdOrNull() {
        return values.get(LISTING_ID);
    }

    private String required(String column) throws MalformedRow {
        String value = values.get(column);
        if (value == null) {
            throw new MalformedRow("no " + column);
        }
        return value;
    }

    private boolean auction() throws MalformedRow {
        String value = values.get(AUCTION);
        if (value == null || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        throw new MalformedRow(AUCTION + " \"" + value + "\" is not true or false");
    }

    private static BigDecimal decimal(String column, String text) throws MalformedRow {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new MalformedRow(column + " \"" + text + "\" is not a number");
        }
    }

    /** ISO-8601 with an offset ({@code 2023-11-24T13:23:32Z}), or epoch seconds (with a fraction) or milliseconds. */
    private static Instant time(String column, String text) throws MalformedRow {
        try {
            if (WHOLE_NUMBER.matcher(text).matches()) {
                long number = Long.parseLong(text);
                return number >= FIRST_EPOCH_MILLIS ? Instant.ofEpochMilli(number) : Instant.ofEpochSecond(number);
            }
            if (DECIMAL_NUMBER.matcher(text).matches()) {
                return Instant.ofEpochMilli(new BigDecimal(text).movePointRight(3).longValueExact());
            }
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
            throw new MalformedRow(column + " \"" + text + "\" is not an ISO-8601 time with an offset, nor epoch seconds"
                    + " or milliseconds");
        } catch (DateTimeException e) {
            throw new MalformedRow(column + " \"" + text + "\" is out of range");
        }
    }
}
