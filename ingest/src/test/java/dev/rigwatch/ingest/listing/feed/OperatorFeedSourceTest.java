package dev.rigwatch.ingest.listing.feed;

import dev.rigwatch.testing.TestData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.rigwatch.ingest.FetchResult;
import dev.rigwatch.ingest.RejectReason;
import dev.rigwatch.ingest.exchange.AdapterTestBase;
import dev.rigwatch.ingest.listing.SkippedItem;
import dev.rigwatch.ingest.listing.SourceListing;
import dev.rigwatch.ingest.listing.SourcePoll;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperatorFeedSourceTest extends AdapterTestBase {

    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String CSV_ROW_2 = "ebay-uk-2231,\"MSI RTX 3080 Gaming X Trio 10GB, boxed\",389.99,gbp,12.50,Used,"
            + "false,gpu_recycler,\"Leeds, UK\",https://www.ebay.co.uk/itm/2231,2023-11-24T09:15:00Z,"
            + "2023-11-24T12:00:00+01:00,relisted twice";
    private static final String CSV_ROW_3 = "mm-88,RX 6800 XT Reference,380,,,,,,,,,,";
    private static final String CSV_ROW_5 = "fb-5521,\"ASUS TUF RTX 3090 \"\"OC\"\"\",700,USD,0,Used - like new,true,"
            + "local_seller,\"Austin, TX\",,1700825003,1700832212000,\"note with\na line break\"";

    @TempDir
    Path dir;

    @Test
    void csvRowsBecomeListingsWithEveryColumnWhateverTheCaseOfTheHeader() {
        SourcePoll poll = source("partners", feedFile("feed-listings.csv")).poll("all");

        assertThat(poll.listings()).containsExactly(
                new SourceListing("ebay-uk-2231", "MSI RTX 3080 Gaming X Trio 10GB, boxed", "Used", false,
                        new BigDecimal("389.99"), "GBP", new BigDecimal("12.50"), "gpu_recycler", "Leeds, UK",
                        "https://www.ebay.co.uk/itm/2231", Instant.parse("2023-11-24T09:15:00Z"),
                        Instant.parse("2023-11-24T11:00:00Z"), CSV_ROW_2),
                new SourceListing("mm-88", "RX 6800 XT Reference", null, false, new BigDecimal("380"), "USD", null,
                        null, null, null, null, NOW, CSV_ROW_3),
                new SourceListing("fb-5521", "ASUS TUF RTX 3090 \"OC\"", "Used - like new", true, new BigDecimal("700"),
                        "USD", new BigDecimal("0"), "local_seller", "Austin, TX", null,
                        Instant.ofEpochSecond(1700825003), Instant.ofEpochMilli(1700832212000L), CSV_ROW_5));
        assertThat(poll.skipped()).isEmpty();
        assertThat(poll).extracting(SourcePoll::query, SourcePoll::startedAt, SourcePoll::finishedAt, SourcePoll::pages,
                        SourcePoll::failure, SourcePoll::complete, SourcePoll::coveredFrom, SourcePoll::incompleteReason)
                .containsExactly("all", NOW, NOW, 1, null, true, null, null);
    }

    @Test
    void jsonLinesReadAsTheSameListingsAsTheCsv() {
        List<SourceListing> fromCsv = source("partners", feedFile("feed-listings.csv")).poll("all").listings();

        SourcePoll poll = source("partners", feedFile("feed-listings.jsonl")).poll("all");

        assertThat(poll.complete()).isTrue();
        assertThat(poll.listings()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("raw")
                .containsExactlyElementsOf(fromCsv);
        assertThat(poll.listings().get(1).raw())
                .isEqualTo("{\"Listing_ID\":\"mm-88\",\"Title\":\"RX 6800 XT Reference\",\"Price\":\"380\",\"seller\":null}");
    }

    @Test
    void csvRowsThatDoNotReadAreSkippedWithTheirLineNumbersAndMakeThePollIncomplete() {
        String location = feedFile("feed-bad-rows.csv");

        SourcePoll poll = source("partners", location).poll("all");

        assertThat(poll.listings()).extracting(SourceListing::listingId, SourceListing::listedAt, SourceListing::raw)
                .containsExactly(tuple("ok-1", null, "ok-1,RTX 3070,300,,"),
                        tuple("ok-2", Instant.parse("2023-11-24T10:00:00Z"), "ok-2,RX 6600,180,2023-11-24T10:00:00Z,false"));
        assertThat(poll.skipped()).extracting(SkippedItem::listingId, SkippedItem::reason, SkippedItem::detail,
                        SkippedItem::raw)
                .containsExactly(
                        tuple("bad-price", "malformed-item", "line 3: price \"4OO\" is not a number",
                                "bad-price,RTX 3080,4OO,,"),
                        tuple(null, "malformed-item", "line 4: no listing_id", ",RTX 3090,650,,"),
                        tuple("no-title", "malformed-item", "line 5: no title", "no-title,,500,,"),
                        tuple("bad-time", "malformed-item", "line 6: listed_at \"yesterday\" is not an ISO-8601 time"
                                + " with an offset, nor epoch seconds or milliseconds", "bad-time,RTX 4090,1600,yesterday,"),
                        tuple("bad-auction", "malformed-item", "line 7: auction \"maybe\" is not true or false",
                                "bad-auction,RTX 4080,900,,maybe"),
                        tuple(null, "malformed-item", "line 8: expected 5 fields as in the header, got 6",
                                "too-many,RTX 3060,250,,,extra"),
                        tuple(null, "malformed-item", "line 9: Unexpected character ('2' (code 50)): Expected column"
                                + " separator character (',' (code 44)) or end-of-line", "bad-quote,\"RTX \"2080\",200,,"));
        assertThat(poll.skipped()).allSatisfy(skip -> {
            assertThat(skip.url()).isEqualTo(location);
            assertThat(skip.observedAt()).isEqualTo(NOW);
        });
        assertThat(poll.complete()).isFalse();
        assertThat(poll.incompleteReason()).isEqualTo("7 malformed rows");
        assertThat(poll.failure()).isNull();
        assertThat(poll.pages()).isEqualTo(1);
    }

    @Test
    void jsonLinesThatDoNotReadAreSkippedWithTheirLineNumbers() {
        SourcePoll poll = source("partners", feedFile("feed-bad-rows.jsonl")).poll("all");

        assertThat(poll.listings()).extracting(SourceListing::listingId, SourceListing::auction)
                .containsExactly(tuple("ok-1", false), tuple("ok-2", true));
        assertThat(poll.skipped()).extracting(SkippedItem::listingId, SkippedItem::detail)
                .containsExactly(
                        tuple("bad-price", "line 2: price \"three hundred\" is not a number"),
                        tuple(null, "line 3: not JSON: Unrecognized token 'not': was expecting (JSON String, Number,"
                                + " Array, Object or token 'null', 'true' or 'false')"),
                        tuple(null, "line 4: not a JSON object"),
                        tuple(null, "line 5: field price is an object, not a value"),
                        tuple(null, "line 6: field price is given twice"));
        assertThat(poll.incompleteReason()).isEqualTo("5 malformed rows");
    }

    @Test
    void anUnclosedQuoteSwallowsTheRestOfTheFileAndSaysSoOnTheLineItOpens() throws IOException {
        Path feed = write("open.csv", "listing_id,title,price\nx-1,RTX 3080,450\nx-2,\"RTX 3070,300\nx-3,RX 6600,180\n");

        SourcePoll poll = source("shop", feed.toString()).poll("all");

        assertThat(poll.listings()).extracting(SourceListing::listingId).containsExactly("x-1");
        assertThat(poll.skipped()).extracting(SkippedItem::detail, SkippedItem::raw)
                .containsExactly(tuple("line 3: a quoted field opened on line 3 is not closed before the end of the file",
                        "x-2,\"RTX 3070,300\nx-3,RX 6600,180"));
        assertThat(poll.incompleteReason()).isEqualTo("1 malformed row");
    }

    @Test
    void aRowThatFailsOnlyItsUrlColumnIsReportedUnderItsOwnUrl() throws IOException {
        Path feed = write("one.csv", "listing_id,title,price,url\nx-1,RTX 3080,cheap,https://shop.example/x-1\n");

        SourcePoll poll = source("shop", feed.toString()).poll("all");

        assertThat(poll.skipped()).extracting(SkippedItem::url).containsExactly("https://shop.example/x-1");
        assertThat(poll.incompleteReason()).isEqualTo("1 malformed row");
    }

    @Test
    void theFeedIsReadAgainOnEveryPoll() throws IOException {
        Path feed = write("shop.jsonl", "{\"listing_id\":\"a\",\"title\":\"RTX 3080\",\"price\":450}\n");
        OperatorFeedSource source = source("shop", feed.toString());
        SourcePoll first = source.poll("all");

        Files.writeString(feed, "{\"listing_id\":\"b\",\"title\":\"RTX 3070\",\"price\":300}\n");
        SourcePoll second = source.poll("all");

        assertThat(first.listings()).extracting(SourceListing::listingId).containsExactly("a");
        assertThat(second.listings()).extracting(SourceListing::listingId).containsExactly("b");
    }

    @Test
    void aHeaderWithoutRowsIsAnEmptySnapshotButAnEmptyFileIsNot() throws IOException {
        SourcePoll headerOnly = source("shop", write("header.csv", "listing_id,title,price\n").toString()).poll("all");
        SourcePoll empty = source("shop", write("empty.csv", "").toString()).poll("all");

        assertThat(headerOnly.complete()).isTrue();
        assertThat(headerOnly.listings()).isEmpty();
        assertThat(empty.complete()).isFalse();
        assertThat(empty.incompleteReason()).isEqualTo("no header row");
        assertThat(empty.failure()).isNull();
    }

    @Test
    void aColumnNamedTwiceMakesTheFileUnusable() throws IOException {
        Path feed = write("twice.csv", "listing_id,title,price,PRICE\nx-1,RTX 3080,450,460\n");

        SourcePoll poll = source("shop", feed.toString()).poll("all");

        assertThat(poll.listings()).isEmpty();
        assertThat(poll.complete()).isFalse();
        assertThat(poll.incompleteReason()).isEqualTo("the header names column price twice");
    }

    @Test
    void aHeaderThatDoesNotParseMakesTheFileUnusable() throws IOException {
        Path feed = write("bad-header.csv", "listing_id,\"title\"x,price\nx-1,RTX 3080,450\n");

        SourcePoll poll = source("shop", feed.toString()).poll("all");

        assertThat(poll.listings()).isEmpty();
        assertThat(poll.incompleteReason()).isEqualTo("the header row (line 1) does not parse: Unexpected character"
                + " ('x' (code 120)): Expected column separator character (',' (code 44)) or end-of-line");
    }

    @Test
    void unnamedColumnsAreIgnoredLikeExtraOnes() throws IOException {
        Path feed = write("trailing.csv", "listing_id,title,price,,\nx-1,RTX 3080,450,,\n");

        SourcePoll poll = source("shop", feed.toString()).poll("all");

        assertThat(poll.listings()).extracting(SourceListing::listingId).containsExactly("x-1");
        assertThat(poll.complete()).isTrue();
    }

    @Test
    void aSpreadsheetsByteOrderMarkIsNotPartOfTheFirstColumnName() throws IOException {
        Path feed = write("excel.csv", "\uFEFFlisting_id,title,price\r\nx-1,RTX 3080,450\r\n");

        SourcePoll poll = source("shop", feed.toString()).poll("all");

        assertThat(poll.listings()).extracting(SourceListing::listingId, SourceListing::raw)
                .containsExactly(tuple("x-1", "x-1,RTX 3080,450"));
    }

    @Test
    void aBareQuoteInAnUnquotedTitleIsPartOfTheTitle() throws IOException {
        Path feed = write("inches.csv", "listing_id,title,price\nx-1,Dell 27\" monitor + RTX 3080,450\nx-2,RTX 3070,300\n");

        SourcePoll poll = source("shop", feed.toString()).poll("all");

        assertThat(poll.listings()).extracting(SourceListing::listingId, SourceListing::title)
                .containsExactly(tuple("x-1", "Dell 27\" monitor + RTX 3080"), tuple("x-2", "RTX 3070"));
        assertThat(poll.complete()).isTrue();
    }

    @Test
    void aMissingFileFailsThePoll() {
        Path missing = dir.resolve("gone.csv");

        SourcePoll poll = source("shop", missing.toString()).poll("all");

        assertThat(poll.failure()).isEqualTo(new FetchResult.Failure(missing.toUri().toString(), null,
                RejectReason.IO_ERROR, "no such file: " + missing, null, NOW, null));
        assertThat(poll).extracting(SourcePoll::complete, SourcePoll::incompleteReason, SourcePoll::pages)
                .containsExactly(false, "io-error", 0);
        assertThat(poll.listings()).isEmpty();
    }

    @Test
    void aFeedAtAUrlIsFetchedThroughTheSharedHttpPath() throws Exception {
        String csv = Files.readString(Path.of(feedFile("feed-listings.csv")));
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/csv").body(csv).build());
        List<SourceListing> fromFile = source("partners", feedFile("feed-listings.csv")).poll("all").listings();

        SourcePoll poll = source("partners", url("/exports/listings.csv?key=k1")).poll("all");

        assertThat(poll.listings()).isEqualTo(fromFile);
        assertThat(poll.complete()).isTrue();
        RecordedRequest request = request();
        assertThat(request.getTarget()).isEqualTo("/exports/listings.csv?key=k1");
        assertThat(request.getHeaders().get("Accept")).isEqualTo("text/csv, text/plain;q=0.9, */*;q=0.5");
        assertThat(request.getHeaders().get("User-Agent")).isEqualTo("rigwatch/0.1");
    }

    @Test
    void aFeedUrlThatAnswersWithAnErrorFailsThePoll() {
        server.enqueue(new MockResponse.Builder().code(404).body("not found").build());

        SourcePoll poll = source("partners", url("/exports/listings.jsonl")).poll("all");

        assertThat(poll.failure()).isEqualTo(new FetchResult.Failure(url("/exports/listings.jsonl"), 404,
                RejectReason.HTTP_4XX, "HTTP 404 Client Error", "not found", NOW, null));
        assertThat(poll.incompleteReason()).isEqualTo("http-4xx (HTTP 404)");
        assertThat(poll.complete()).isFalse();
    }

    @Test
    void theSourceIsNamedAfterTheFeedAndHasTheOneQueryAll() {
        OperatorFeedSource source = source("partners", "/srv/feeds/partners.csv");

        assertThat(source.id()).isEqualTo("feed-partners");
        assertThat(source.queries()).containsExactly("all");
        assertThatThrownBy(() -> source.poll("new"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("feed-partners has the one query \"all\", not \"new\"");
    }

    private OperatorFeedSource source(String name, String location) {
        return new OperatorFeedSource(http, OperatorFeedSettings.of(name, location), CLOCK);
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    /** The fixture's path on disk, as an operator would configure it. */
    private static String feedFile(String name) {
        return TestData.fixturePath(name).toString();
    }
}
