package dev.rigwatch.ingest.listing.feed;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * One operator feed.
 *
 * @param name     the feed's name: lower-case letters, digits and dashes; the source id is {@code feed-<name>}
 * @param location a local file path, or an {@code http(s)://} URL
 * @param format   how the file is written
 */
public record OperatorFeedSettings(String name, String location, Format format) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

    /** How a feed file is written; {@link #of(String, String)} tells it from the file's extension. */
    public enum Format {
        /** A header row, then one listing per row; columns are matched by name, in any case and any order. */
        CSV,
        /** One JSON object per line, its fields named like the CSV columns. */
        JSON_LINES
    }

    public OperatorFeedSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(format, "format");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("feed name \"" + name + "\" must be lower-case letters, digits and dashes");
        }
        if (location.isBlank()) {
            throw new IllegalArgumentException("feed " + name + " has no location");
        }
        if (isUrl(location) && HttpUrl.parse(location) == null) {
            throw new IllegalArgumentException("feed " + name + ": \"" + location + "\" is not a valid URL");
        }
        if (!isUrl(location)) {
            try {
                Path.of(location);
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("feed " + name + ": \"" + location + "\" is not a path: " + e.getReason());
            }
        }
    }

    /** A feed whose format is told by its extension: {@code .csv}, {@code .jsonl} or {@code .ndjson}. */
    public static OperatorFeedSettings of(String name, String location) {
        String path = isUrl(location) && HttpUrl.parse(location) != null
                ? HttpUrl.get(location).encodedPath()
                : location;
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".csv")) {
            return new OperatorFeedSettings(name, location, Format.CSV);
        }
        if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) {
            return new OperatorFeedSettings(name, location, Format.JSON_LINES);
        }
        throw new IllegalArgumentException("feed " + name + ": cannot tell the format of \"" + location
                + "\" from its extension; name it .csv, .jsonl or .ndjson, or set the format");
    }

    /** Whether the feed is fetched over HTTP rather than read from a local file. */
    public boolean isUrl() {
        return isUrl(location);
    }

    private static boolean isUrl(String location) {
        String lower = location.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }
}
