package dev.rigwatch.ops.history;

import dev.rigwatch.events.ListingObserved;
import dev.rigwatch.events.Topics;
import dev.rigwatch.ingest.gpu.TitleNormaliser;
import dev.rigwatch.ingest.listing.ListingIntake;
import dev.rigwatch.ingest.listing.MsrpFloor;
import dev.rigwatch.ingest.listing.SkippedItem;
import dev.rigwatch.ingest.listing.SourceListing;
import dev.rigwatch.ingest.listing.SourcePoll;
import dev.rigwatch.ingest.listing.UsdRates;
import dev.rigwatch.ingest.listing.feed.OperatorFeedSettings;
import dev.rigwatch.ingest.listing.feed.OperatorFeedSource;
import dev.rigwatch.ingest.text.TextFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A listings file in the operator feed's columns ({@link OperatorFeedSource} documents them), CSV or JSON lines: read
 * by the operator feed's own reader, and each listing admitted by the listing poller's {@link ListingIntake}, so that it becomes the {@link ListingObserved} the feed {@code feed-<name>} would write: same
 * source, query {@code all}, a poll id of the import's start, record timestamp {@code observed_at} (the import's
 * time when a row has none). No {@code PollCoverage} is written: a history file is not a snapshot of what is open
 * now, and a coverage would declare the feed's other listings gone.
 *
 * <p>The feed reader reports rows, not their lines; each row is matched back to its line by its text, in file order.
 */
final class ListingFile {

    private final Path file;
    private final OperatorFeedSettings.Format format;
    private final String feed;
    private final ListingIntake intake;
    private final Clock clock;

    ListingFile(Path file, boolean jsonLines, String feed, TitleNormaliser normaliser, UsdRates rates,
                MsrpFloor floor, Clock clock) {
        this.file = file;
        this.format = jsonLines ? OperatorFeedSettings.Format.JSON_LINES : OperatorFeedSettings.Format.CSV;
        this.feed = feed;
        this.intake = new ListingIntake(normaliser, rates, floor);
        this.clock = clock;
    }

    void importTo(RowSink run) throws IOException {
        OperatorFeedSettings settings;
        try {
            settings = new OperatorFeedSettings(feed, file.toString(), format);
        } catch (IllegalArgumentException e) {
            throw new ImportRefusedException(e.getMessage());
        }
        OperatorFeedSource source = OperatorFeedSource.localFile(settings, clock);
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
            CsvFile.rows(file, record -> {
                if (!record.empty()) {
                    sink.accept(new Row(record.line(), record.raw()));
                }
            });
            return;
        }
        TextFiles.nonBlankLines(file, (number, line) -> sink.accept(new Row(number, line)));
    }

    /** Admitted, converted or refused by the same intake as a polled listing. */
    private void listing(RowSink run, int line, SourceListing listing, String sourceId, String pollId) {
        ListingIntake.Verdict verdict = intake.admit(listing, sourceId, OperatorFeedSource.QUERY, pollId);
        if (verdict instanceof ListingIntake.Admitted admitted) {
            ListingObserved observed = admitted.observed();
            run.imported(line, Topics.GPU_LISTINGS, observed.key(), observed, observed.eventTime());
        } else if (verdict instanceof ListingIntake.Refused refused) {
            run.rejected(new BadRow(line, refused.reason(), refused.detail(), listing.raw()));
        }
    }
}
