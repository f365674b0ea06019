package dev.rigwatch.ingest.listing.feed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.ingest.fuzz.CannedHttp;
import dev.rigwatch.ingest.fuzz.Fuzzing;
import dev.rigwatch.ingest.gpu.TitleNormaliser;
import dev.rigwatch.ingest.listing.ListingIntake;
import dev.rigwatch.ingest.listing.MsrpFloor;
import dev.rigwatch.ingest.listing.SourceListing;
import dev.rigwatch.ingest.listing.UsdRates;
import dev.rigwatch.testing.FixtureMutations;
import dev.rigwatch.testing.TestData;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Operator feed files (CSV and JSON lines), damaged copies of the real fixtures: reading never throws; a file is
 * rows, unreadable lines with their numbers, or one file problem; a row is a listing or a {@code MalformedRow}; a
 * listing the intake admits has a plausible price.
 */
class FeedReaderProperties {

    private static final ListingIntake INTAKE = new ListingIntake(TitleNormaliser.standard(), UsdRates.defaults(), MsrpFloor.defaults());

    @Property(tries = 400, seed = FixtureMutations.CI_SEED)
    void csvFeeds(@ForAll("csvFiles") String content) {
        check(content, OperatorFeedSettings.Format.CSV);
    }

    @Property(tries = 400, seed = FixtureMutations.CI_SEED)
    void jsonLinesFeeds(@ForAll("jsonLinesFiles") String content) {
        check(content, OperatorFeedSettings.Format.JSON_LINES);
    }

    private static void check(String content, OperatorFeedSettings.Format format) {
        FeedReader.Read read = FeedReader.read(content, format);
        if (read.fileProblem() != null) {
            assertThat(read.rows()).as("a file with a problem has no rows").isEmpty();
            Statistics.label("file").collect("file problem");
        } else {
            Statistics.label("file").collect(read.rows().isEmpty() ? "no rows" : "rows");
        }
        int lines = (int) content.lines().count() + 1;
        for (FeedReader.Unreadable unreadable : read.unreadable()) {
            assertThat(unreadable.line()).isBetween(1, lines);
            assertThat(unreadable.detail()).isNotBlank();
        }
        for (FeedRow row : read.rows()) {
            assertThat(row.line()).isBetween(1, lines);
            try {
                SourceListing listing = row.toListing(CannedHttp.NOW);
                Statistics.label("row").collect(Fuzzing.assertAdmittedSoundly(INTAKE, listing, "feed-fuzz"));
            } catch (FeedRow.MalformedRow e) {
                assertThat(e.getMessage()).isNotBlank();
                Statistics.label("row").collect("malformed");
            }
        }
    }

    @Provide
    Arbitrary<String> csvFiles() {
        return Arbitraries.oneOf(FixtureMutations.ofText(TestData.fixture("feed-listings.csv")),
                FixtureMutations.ofText(TestData.fixture("feed-bad-rows.csv")));
    }

    @Provide
    Arbitrary<String> jsonLinesFiles() {
        return Arbitraries.oneOf(FixtureMutations.ofText(TestData.fixture("feed-listings.jsonl")),
                FixtureMutations.ofText(TestData.fixture("feed-bad-rows.jsonl")));
    }
}
