package dev.rigwatch.ingest.listing.feed;

import dev.rigwatch.ingest.FetchResult;
import dev.rigwatch.ingest.RejectReason;
import dev.rigwatch.ingest.http.SourceHttpClient;
import dev.rigwatch.ingest.listing.SingleQuerySource;
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
 * Listings an operator provides as a file, for marketplaces rigwatch does not poll and for importing listing
 * history: a local path or an {@code http(s)} URL in CSV or JSON lines, read again on every poll. Each read is a
 * snapshot of every open listing, so it covers everything ({@link SourcePoll#coveredFrom()} is null). A row that
 * does not read is skipped as {@code malformed-item} with its line number and makes the poll incomplete, since the
 * listing it held is unknown and must not look gone. The columns and their formats: docs/SOURCES.md.
 */
public final class OperatorFeedSource extends SingleQuerySource {

    public static final String QUERY = "all";
    public static final String MALFORMED_ITEM = "malformed-item";

    private final SourceHttpClient http;
    private final OperatorFeedSettings settings;
    private final Clock clock;

    public OperatorFeedSource(SourceHttpClient http, OperatorFeedSettings settings, Clock clock) {
        super(QUERY);
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
    protected SourcePoll pollTheQuery() {
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
