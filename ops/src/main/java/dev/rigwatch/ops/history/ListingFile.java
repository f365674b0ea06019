package dev.rigwatch.ops.history;

import dev.rigwatch.events.ListingObserved;
import dev.rigwatch.events.Topics;
import dev.rigwatch.ingest.http.SourceHttpClient;
import dev.rigwatch.ingest.gpu.Classification;
import dev.rigwatch.ingest.gpu.TitleNormaliser;
import dev.rigwatch.ingest.listing.SkippedItem;
import dev.rigwatch.ingest.listing.SourceListing;
import dev.rigwatch.ingest.listing.SourcePoll;
import dev.rigwatch.ingest.listing.UsdRates;
import dev.rigwatch.ingest.listing.feed.OperatorFeedSettings;
import dev.rigwatch.ingest.listing.feed.OperatorFeedSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;

/**
 * A listings file in the operator feed's columns ({@link OperatorFeedSource} documents them), CSV or JSON lines: read
 * by the operator feed's own reader, and each listing validated, classified and converted to USD as the listing
 * poller does it, so that it becomes the {@link ListingObserved} the feed {@code feed-<name>} would write: same
 * source, query {@code all}, a poll id of the import's start, record timestamp {@code observed_at} (the import's
 * time when a row has none). No {@code PollCoverage} is written: a history file is not a snapshot of what is open
 * now, and a coverage would declare the feed's other listings gone.
 *
 * <p>The feed reader reports rows, not their lines; each row is matched back to its line by its text, in file order.
 */
final class ListingFile {

    // the listing poller's skip reasons, so imported and polled rejects are counted alike
    static final String NO_TITLE = "no-title";
    static final String INVALID_PRICE = "invalid-price";
    static final String UNKNOWN_CURRENCY = "unknown-currency";
    private static final Pattern CURRENCY_CODE = Pattern.compile("[A-Z]{3}");

    private final Path file;
    private final OperatorFeedSettings.Format format;
    private final String feed;
    private final TitleNormaliser normaliser;
    private final UsdRates rates;
    private final Clock clock;

    ListingFile(Path file, boolean jsonLines, String feed, TitleNormaliser normaliser, UsdRates rates, Clock clock) {
        this.file = file;
        this.format = jsonLines ? OperatorFeedSettings.Format.JSON_LINES : OperatorFeedSettings.Format.CSV;
        this.feed = feed;
        this.normaliser = normaliser;
        this.rates = rates;
        this.clock = clock;
    }

    void importTo(RowSink run) throws IOException {
        OperatorFeedSettings settings;
        try {
            settings = new OperatorFeedSettings(feed, file.toString(), format);
        } catch (IllegalArgumentException e) {
            throw new ImportRefusedException(e.getMessage());
        }
        // a local file is read without HTTP: the client is never asked, so it starts no thread
        OperatorFeedSource source = new OperatorFeedSource(
                new SourceHttpClient(new OkHttpClient(), Duration.ofSeconds(10), Duration.ofSeconds(30), clock), settings, clock);
        SourcePoll poll = source.poll(OperatorFeedSource.QUERY);
        if (poll.failure() != null) {
            throw new ImportRefusedException(poll.failure().detail());
        }
        if (poll.listings().isEmpty() && poll.skipped().isEmpty() && poll.incompleteReason() != null) {
            throw new ImportRefusedException(poll.incompleteReason());
        }
        String pollId = source.id() + ":" + OperatorFeedSource.QUERY + "@" + poll.startedAt();
        Deque<SourceListing> listings = new ArrayDeque<>(poll.listings());
        Deque<SkippedItem> skipped = new ArrayDeque<>(poll.skipped());
        rows(row -> {
            if (!listings.isEmpty() && listings.peek().raw().equals(row.raw())) {
                listing(run, row.line(), listings.poll(), source.id(), pollId);
            } else if (!skipped.isEmpty() && row.raw().equals(skipped.peek().raw())) {
                SkippedItem item = skipped.poll();
                run.rejected(new BadRow(row.line(), item.reason(), withoutLinePrefix(item.detail()), row.raw()));
            } else {
                run.rejected(new BadRow(row.line(), BadRow.MALFORMED, "the feed reader did not read this row ("
                        + poll.incompleteReason() + ")", row.raw()));
            }
        });
        // rows the reader gave that no line matched: still imported or reported, without a line
        listings.forEach(listing -> listing(run, 0, listing, source.id(), pollId));
        skipped.forEach(item -> run.rejected(new BadRow(0, item.reason(), item.detail(), item.raw())));
    }

    /** The feed reader starts its details with the line, which the bad row carries already. */
    private static String withoutLinePrefix(String detail) {
        return detail.replaceFirst("^line \\d+: ", "");
    }

    private record Row(int line, String raw) {}

    private interface LineSink {
        void accept(Row row);
    }

    /** The file's data rows as the feed reader cuts them: CSV records after the header, or non-blank lines. */
    private void rows(LineSink sink) throws IOException {
        if (format == OperatorFeedSettings.Format.CSV) {
            CsvRecords.rows(file, record -> {
                if (record.fields() == null || record.fields().stream().anyMatch(f -> !f.isEmpty())) {
                    sink.accept(new Row(record.line(), record.raw()));
                }
            });
            return;
        }
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int number = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                number++;
                if (number == 1 && line.startsWith(CsvRecords.BYTE_ORDER_MARK)) {
                    line = line.substring(1);
                }
                if (!line.isBlank()) {
                    sink.accept(new Row(number, line));
                }
            }
        }
    }

    /** As the listing poller checks, classifies and converts a polled listing. */
    private void listing(RowSink run, int line, SourceListing listing, String sourceId, String pollId) {
        String currency = listing.currency().strip().toUpperCase(Locale.ROOT);
        BadRow invalid = invalid(line, listing, currency);
        if (invalid != null) {
            run.rejected(invalid);
            return;
        }
        Classification classification = normaliser.classify(listing.title());
        if (classification.rejectReason() != null) {
            run.rejected(new BadRow(line, classification.rejectReason(), "title classified as "
                    + classification.rejectReason() + ": " + listing.title(), listing.raw()));
            return;
        }
        BigDecimal rate = rates.rate(currency).orElseThrow();
        String family = normaliser.catalogue().find(classification.model()).orElseThrow().family();
        ListingObserved observed = new ListingObserved(ListingObserved.VERSION, sourceId, listing.listingId(),
                OperatorFeedSource.QUERY, pollId, listing.title(), classification.model(), family,
                classification.confidence(), listing.condition(), listing.auction(), listing.price(), currency,
                listing.shipping(), rate, UsdRates.toUsd(listing.price(), rate),
                listing.shipping() == null ? null : UsdRates.toUsd(listing.shipping(), rate), listing.seller(),
                listing.location(), listing.url(), listing.listedAt(), listing.observedAt());
        run.imported(line, Topics.GPU_LISTINGS, observed.key(), observed, observed.eventTime());
    }

    private BadRow invalid(int line, SourceListing listing, String currency) {
        if (listing.title().isBlank()) {
            return new BadRow(line, NO_TITLE, "the listing has no title", listing.raw());
        }
        if (listing.price().signum() <= 0) {
            return new BadRow(line, INVALID_PRICE, "price " + listing.price() + " is not positive", listing.raw());
        }
        if (listing.shipping() != null && listing.shipping().signum() < 0) {
            return new BadRow(line, INVALID_PRICE, "shipping " + listing.shipping() + " is negative", listing.raw());
        }
        if (!CURRENCY_CODE.matcher(currency).matches()) {
            return new BadRow(line, UNKNOWN_CURRENCY, "currency \"" + listing.currency() + "\" is not an ISO 4217 code",
                    listing.raw());
        }
        if (rates.rate(currency).isEmpty()) {
            return new BadRow(line, UNKNOWN_CURRENCY, "no USD rate is configured for " + currency + " (known: "
                    + String.join(", ", rates.rates().keySet()) + ")", listing.raw());
        }
        return null;
    }
}
