package dev.rigwatch.ingest.listing.feed;

import dev.rigwatch.ingest.FetchResult;
import dev.rigwatch.ingest.RejectReason;
import dev.rigwatch.ingest.http.SourceHttpClient;
import dev.rigwatch.ingest.listing.ListingSource;
import dev.rigwatch.ingest.listing.SkippedItem;
import dev.rigwatch.ingest.listing.SourceListing;
import dev.rigwatch.ingest.listing.SourcePoll;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * Listings an operator provides as a file: for marketplaces rigwatch does not poll, and for importing listing
 * history. The file is a local path or an {@code http(s)} URL, read again on every poll; each read is a snapshot
 * of every listing that is open, so it covers everything ({@link SourcePoll#coveredFrom()} is null).
 *
 * <p>A CSV file has a header row naming its columns, matched in any case and any order; columns not listed here
 * are ignored. A JSON-lines file has one object per line with the same names as fields (strings, numbers or
 * booleans). Blank values count as absent.
 *
 * <table>
 * <caption>Columns</caption>
 * <tr><th>column</th><th>required</th><th>meaning</th></tr>
 * <tr><td>{@code listing_id}</td><td>yes</td><td>the listing's id on its marketplace, unique within the feed</td></tr>
 * <tr><td>{@code title}</td><td>yes</td><td>the listing's title, classified like any other</td></tr>
 * <tr><td>{@code price}</td><td>yes</td><td>a plain decimal number ({@code 450}, {@code 1050.00}): no currency
 *     sign, no thousands separator</td></tr>
 * <tr><td>{@code currency}</td><td>no</td><td>ISO 4217 code; default {@code USD}</td></tr>
 * <tr><td>{@code shipping}</td><td>no</td><td>shipping cost in the same currency</td></tr>
 * <tr><td>{@code condition}</td><td>no</td><td>as the marketplace states it ({@code Used})</td></tr>
 * <tr><td>{@code auction}</td><td>no</td><td>{@code true} when the price is an auction's current bid; default
 *     {@code false}</td></tr>
 * <tr><td>{@code seller}</td><td>no</td><td>the seller's name</td></tr>
 * <tr><td>{@code location}</td><td>no</td><td>where the card is</td></tr>
 * <tr><td>{@code url}</td><td>no</td><td>the listing's web page</td></tr>
 * <tr><td>{@code listed_at}</td><td>no</td><td>when the listing was created</td></tr>
 * <tr><td>{@code observed_at}</td><td>no</td><td>when the listing was seen as it is; default: when the feed was
 *     read. Set it to import history.</td></tr>
 * </table>
 *
 * <p>Times are ISO-8601 with an offset ({@code 2023-11-24T13:23:32Z}, {@code 2023-11-24T08:23:32-05:00}) or epoch
 * numbers: seconds (with an optional fraction) below 100000000000, milliseconds from it on.
 *
 * <p>A row that does not read (a bad number or time, a required column empty, a line that is not CSV or JSON) is
 * skipped as {@code malformed-item} with its line number, and the poll is incomplete: the listing it held is
 * unknown, so the poll cannot say that listing is gone. A missing file or a failed request fails the poll.
 */
public final class OperatorFeedSource implements ListingSource {

    public static final String QUERY = "all";
    public static final String MALFORMED_ITEM = "malformed-item";

    private final SourceHttpClient http;
    private final OperatorFeedSettings settings;
    private final Clock clock;

    public OperatorFeedSource(SourceHttpClient http, OperatorFeedSettings settings, Clock clock) {
        this.http = http;
        this.settings = settings;
        this.clock = clock;
    }

    /** A feed that is a local file, read without HTTP (the history importer reads listings files so). */
    public static OperatorFeedSource localFile(OperatorFeedSettings settings, Clock clock) {
        if (settings.isUrl()) {
            throw new IllegalArgumentException("feed " + settings.name() + " is a URL, not a local file: "
                    + settings.location());
        }
        return new OperatorFeedSource(null, settings, clock);
    }

    @Override
    public String id() {
        return "feed-" + settings.name();
    }

    @Override
    public List<String> queries() {
        return List.of(QUERY);
    }

    @Override
    public SourcePoll poll(String query) {
        if (!QUERY.equals(query)) {
            throw new IllegalArgumentException(id() + " has the one query \"" + QUERY + "\", not \"" + query + "\"");
        }
        Instant startedAt = clock.instant();
        Fetched fetched = settings.isUrl() ? fetch() : readFile();
        if (fetched.failure() != null) {
            FetchResult.Failure failure = fetched.failure();
            String reason = failure.reason().code() + (failure.httpStatus() == null ? "" : " (HTTP " + failure.httpStatus() + ")");
            return new SourcePoll(QUERY, startedAt, clock.instant(), 0, List.of(), List.of(), failure, false, null, reason);
        }
        FeedReader.Read read = FeedReader.read(fetched.content(), settings.format());
        List<SourceListing> listings = new ArrayList<>();
        List<Numbered> skipped = new ArrayList<>();
        for (FeedReader.Unreadable line : read.unreadable()) {
            skipped.add(new Numbered(line.line(), new SkippedItem(null, MALFORMED_ITEM,
                    "line " + line.line() + ": " + line.detail(), settings.location(), line.raw(), fetched.at())));
        }
        for (FeedRow row : read.rows()) {
            try {
                listings.add(row.toListing(fetched.at()));
            } catch (FeedRow.MalformedRow e) {
                String url = row.values().getOrDefault(FeedRow.URL, settings.location());
                skipped.add(new Numbered(row.line(), new SkippedItem(row.listingIdOrNull(), MALFORMED_ITEM,
                        "line " + row.line() + ": " + e.getMessage(), url, row.raw(), fetched.at())));
            }
        }
        skipped.sort(Comparator.comparingInt(Numbered::line));
        String incompleteReason = read.fileProblem() != null ? read.fileProblem()
                : skipped.isEmpty() ? null
                : skipped.size() + (skipped.size() == 1 ? " malformed row" : " malformed rows");
        return new SourcePoll(QUERY, startedAt, clock.instant(), 1, listings,
                skipped.stream().map(Numbered::item).toList(), null, incompleteReason == null, null, incompleteReason);
    }

    /** A skipped item and the line it is on, to report them in file order. */
    private record Numbered(int line, SkippedItem item) {}

    /** The file's text and when it was read, or why it could not be. */
    private record Fetched(String content, Instant at, FetchResult.Failure failure) {}

    private Fetched fetch() {
        Request request = new Request.Builder().url(HttpUrl.get(settings.location()))
                .header("Accept", switch (settings.format()) {
                    case CSV -> "text/csv, text/plain;q=0.9, */*;q=0.5";
                    case JSON_LINES -> "application/x-ndjson, application/jsonl, text/plain;q=0.9, */*;q=0.5";
                })
                .build();
        try {
            return http.call(request, (body, received) -> new Fetched(body, received, null), SourceHttpClient.STATUS_ONLY);
        } catch (SourceHttpClient.RequestFailed e) {
            return new Fetched(null, null, e.failure());
        }
    }

    private Fetched readFile() {
        Path path = Path.of(settings.location());
        try {
            String content = Files.readString(path, StandardCharsets.UTF_8);
            return new Fetched(content, clock.instant(), null);
        } catch (NoSuchFileException e) {
            return fileFailure(path, "no such file: " + path);
        } catch (AccessDeniedException e) {
            return fileFailure(path, "not allowed to read " + path);
        } catch (CharacterCodingException e) {
            return fileFailure(path, path + " is not UTF-8 text");
        } catch (IOException e) {
            return fileFailure(path, "cannot read " + path + ": " + e);
        }
    }

    private Fetched fileFailure(Path path, String detail) {
        return new Fetched(null, null, new FetchResult.Failure(path.toUri().toString(), null, RejectReason.IO_ERROR,
                detail, null, clock.instant(), null));
    }
}
