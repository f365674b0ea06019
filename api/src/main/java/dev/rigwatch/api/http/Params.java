package dev.rigwatch.api.http;

import dev.rigwatch.events.Durations;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The API's query parameters, each parsed one way everywhere: times as ISO-8601 instants or epoch milliseconds,
 * a {@code limit} capped at its maximum, a range no longer than the store behind it keeps.
 */
public final class Params {

    private final Context ctx;

    public Params(Context ctx) {
        this.ctx = ctx;
    }

    /** {@code null} when absent. */
    public String text(String name) {
        String value = ctx.queryParam(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** One of {@code allowed}, or {@code fallback} when absent. */
    public String choice(String name, List<String> allowed, String fallback) {
        String value = text(name);
        if (value == null) {
            return fallback;
        }
        if (!allowed.contains(value)) {
            throw ApiError.badParameter(name, "unknown " + name + " '" + value + "'; allowed: " + String.join(", ", allowed),
                    allowed);
        }
        return value;
    }

    /** At most {@code max}: a larger limit is cut to it (the answer says which limit it used). */
    public int limit(int fallback, int max) {
        String value = text("limit");
        if (value == null) {
            return fallback;
        }
        int limit;
        try {
            limit = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw ApiError.badParameter("limit", "limit must be a whole number from 1 to " + max + ", got '" + value + "'", null);
        }
        if (limit < 1) {
            throw ApiError.badParameter("limit", "limit must be at least 1, got " + limit, null);
        }
        return Math.min(limit, max);
    }

    /** {@code null} when absent. */
    public Instant time(String name) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        try {
            return value.chars().allMatch(Character::isDigit) ? Instant.ofEpochMilli(Long.parseLong(value)) : Instant.parse(value);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw ApiError.badParameter(name, name + " must be an ISO-8601 time such as 2026-01-31T12:00:00Z or epoch milliseconds, got '"
                    + value + "'", null);
        }
    }

    /**
     * The {@code from}/{@code to} range, either end open ({@code null}); {@code from} must not be after {@code to}
     * and the two no further apart than {@code longest}.
     */
    public TimeRange range(Duration longest) {
        Instant from = time("from");
        Instant to = time("to");
        if (from != null && to != null) {
            if (from.isAfter(to)) {
                throw ApiError.badParameter("from", "from (" + from + ") is after to (" + to + ")", null);
            }
            if (Duration.between(from, to).compareTo(longest) > 0) {
                throw ApiError.badParameter("to", "a range can span at most " + Durations.format(longest) + " here (the data kept); got "
                        + Durations.format(Duration.between(from, to)), null);
            }
        }
        return new TimeRange(from, to);
    }

    /** Encodes a range for a peer: open ends stay absent. */
    public record TimeRange(Instant from, Instant to) {

        public long fromMillis() {
            return from == null ? 0 : from.toEpochMilli();
        }

        public long toMillis() {
            return to == null ? Long.MAX_VALUE : to.toEpochMilli();
        }
    }
}
