package dev.rigwatch.ingest.listing.reddit;

import dev.rigwatch.testing.TestData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.rigwatch.events.Json;
import dev.rigwatch.ingest.FetchResult;
import dev.rigwatch.ingest.RejectReason;
import dev.rigwatch.ingest.exchange.AdapterTestBase;
import dev.rigwatch.ingest.gpu.TitleNormaliser;
import dev.rigwatch.ingest.listing.SkippedItem;
import dev.rigwatch.ingest.listing.SourceListing;
import dev.rigwatch.ingest.listing.SourcePoll;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class HardwareswapSourceTest extends AdapterTestBase {

    private static final TitleNormaliser NORMALISER = TitleNormaliser.standard();
    private static final String PAGE_1 = listingFixture("reddit-hardwareswap-new.json");
    private static final String PAGE_2 = listingFixture("reddit-hardwareswap-new-page2.json");
    private static final String FIRST_PAGE_TARGET = "/r/hardwareswap/new.json?limit=100&raw_json=1";
    private static final String SECOND_PAGE_TARGET = FIRST_PAGE_TARGET + "&after=t3_18329kq";

    @Test
    void theRealPageBecomesTwoListingsAndTwoSkipsWithEveryFieldAndCoversDownToItsOldestPost()
            throws InterruptedException {
        server.enqueue(json(200, PAGE_1));

        SourcePoll poll = source(1).poll("new");

        assertThat(poll.listings()).containsExactly(
                new SourceListing("1833abc", "RTX 3080 Founders Edition", "Used", false, new BigDecimal("420"), "USD",
                        null, "quietfan_99", "USA-CA",
                        "https://www.reddit.com/r/hardwareswap/comments/1833abc/usaca_h_rtx_3080_founders_edition_w_paypal_local/",
                        Instant.ofEpochSecond(1700832212), NOW, post(PAGE_1, 0)),
                new SourceListing("1833abe", "RX 6800 XT", "Used", false, new BigDecimal("380"), "USD", null,
                        "lonestar_pc", "USA-TX",
                        "https://www.reddit.com/r/hardwareswap/comments/1833abe/usatx_h_rx_6800_xt_ryzen_7_5800x_w_paypal/",
                        Instant.ofEpochSecond(1700829877), NOW, post(PAGE_1, 2)));
        assertThat(poll.skipped()).containsExactly(
                new SkippedItem("1833abd", "want-to-buy", "flair BUYING",
                        "https://www.reddit.com/r/hardwareswap/comments/1833abd/usany_h_paypal_w_rtx_3090_rtx_4090/",
                        post(PAGE_1, 1), NOW),
                new SkippedItem("18329kq", "closed", "flair CLOSED",
                        "https://www.reddit.com/r/hardwareswap/comments/18329kq/usawa_h_rtx_4070_ti_w_paypal/",
                        post(PAGE_1, 3), NOW));
        assertThat(poll).extracting(SourcePoll::query, SourcePoll::startedAt, SourcePoll::finishedAt, SourcePoll::pages,
                        SourcePoll::failure, SourcePoll::complete, SourcePoll::coveredFrom, SourcePoll::incompleteReason)
                .containsExactly("new", NOW, NOW, 1, null, true, Instant.ofEpochSecond(1700825003), null);
        RecordedRequest request = request();
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getTarget()).isEqualTo(FIRST_PAGE_TARGET);
        assertThat(request.getHeaders().get("User-Agent")).isEqualTo("rigwatch/0.1 (used-GPU market tracker)");
    }

    @Test
    void followsAfterToTheLastPageAndThenCoversEverything() throws InterruptedException {
        server.enqueue(json(200, PAGE_1));
        server.enqueue(json(200, PAGE_2));

        SourcePoll poll = source(3).poll("new");

        assertThat(poll.pages()).isEqualTo(2);
        assertThat(poll.complete()).isTrue();
        assertThat(poll.coveredFrom()).isNull();
        assertThat(poll.listings()).extracting(SourceListing::listingId, SourceListing::title, SourceListing::price,
                        SourceListing::location, SourceListing::listedAt)
                .containsExactly(
                        listing("1833abc", "RTX 3080 Founders Edition", "420", "USA-CA", "2023-11-24T13:23:32Z"),
                        listing("1833abe", "RX 6800 XT", "380", "USA-TX", "2023-11-24T12:44:37Z"),
                        listing("18325aa", "EVGA RTX 3080 Ti FTW3", "600", "USA-OR", "2023-11-24T10:27:25.250Z"),
                        listing("18325aa#2", "RTX 3070 FE", "290", "USA-OR", "2023-11-24T10:27:25.250Z"));
        assertThat(poll.skipped()).extracting(SkippedItem::listingId, SkippedItem::reason, SkippedItem::detail)
                .containsExactly(
                        tuple("1833abd", "want-to-buy", "flair BUYING"),
                        tuple("18329kq", "closed", "flair CLOSED"),
                        tuple("18321bb", "trading", "[W] asks for no money: RTX 3070"));
        assertThat(request().getTarget()).isEqualTo(FIRST_PAGE_TARGET);
        RecordedRequest second = request();
        assertThat(second.getTarget()).isEqualTo(SECOND_PAGE_TARGET);
        assertThat(second.getHeaders().get("User-Agent")).isEqualTo("rigwatch/0.1 (used-GPU market tracker)");
    }

    @Test
    void stopsAtThePageCapWithAPageLeftAndCoversDownToTheOldestPostRead() {
        server.enqueue(json(200, PAGE_1));
        server.enqueue(json(200, PAGE_2.replace("\"after\": null", "\"after\": \"t3_18321bb\"")));

        SourcePoll poll = source(2).poll("new");

        assertThat(poll.pages()).isEqualTo(2);
        assertThat(poll.complete()).isTrue();
        assertThat(poll.coveredFrom()).isEqualTo(Instant.ofEpochSecond(1700818211));
        assertThat(poll.listings()).hasSize(4);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aServerErrorOnPage2EndsThePollIncompleteKeepingPage1() {
        server.enqueue(json(200, PAGE_1));
        server.enqueue(json(503, "<html>upstream busy</html>"));

        SourcePoll poll = source(3).poll("new");

        assertThat(poll.listings()).extracting(SourceListing::listingId).containsExactly("1833abc", "1833abe");
        assertThat(poll.skipped()).extracting(SkippedItem::listingId).containsExactly("1833abd", "18329kq");
        assertThat(poll.pages()).isEqualTo(1);
        assertThat(poll.complete()).isFalse();
        assertThat(poll.incompleteReason()).isEqualTo("http-5xx (HTTP 503) on page 2");
        assertThat(poll.coveredFrom()).isEqualTo(Instant.ofEpochSecond(1700825003));
        assertThat(poll.failure()).isEqualTo(new FetchResult.Failure(url(SECOND_PAGE_TARGET), 503,
                RejectReason.HTTP_5XX, "HTTP 503 Server Error", "<html>upstream busy</html>", NOW, null));
    }

    @Test
    void aRateLimitIsAFailureThatSaysHowLongToWait() {
        server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "7")
                .body("{\"message\": \"Too Many Requests\", \"error\": 429}").build());

        SourcePoll poll = source(3).poll("new");

        assertThat(poll.failure()).isEqualTo(new FetchResult.Failure(url(FIRST_PAGE_TARGET), 429, RejectReason.HTTP_429,
                "HTTP 429 Client Error; Retry-After 7, pausing PT7S", "{\"message\": \"Too Many Requests\", \"error\": 429}",
                NOW, Duration.ofSeconds(7)));
        assertThat(poll.incompleteReason()).isEqualTo("http-429 (HTTP 429) on page 1");
        assertThat(poll.pages()).isZero();
        assertThat(poll.listings()).isEmpty();
        assertThat(poll.coveredFrom()).isNull();
    }

    @Test
    void aBodyThatIsNotJsonIsMalformed() {
        server.enqueue(json(200, "<!doctype html><title>reddit</title>"));

        SourcePoll poll = source(3).poll("new");

        assertThat(poll.failure().reason()).isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(poll.failure().detail()).startsWith("not a reddit listing: Unexpected character ('<'");
        assertThat(poll.failure().body()).isEqualTo("<!doctype html><title>reddit</title>");
        assertThat(poll.incompleteReason()).isEqualTo("malformed-json (HTTP 200) on page 1");
        assertThat(poll.complete()).isFalse();
    }

    @Test
    void jsonThatIsNotAListingIsMalformed() {
        server.enqueue(json(200, "{\"kind\": \"t3\", \"data\": {}}"));
        server.enqueue(json(200, "{\"kind\": \"Listing\", \"data\": {\"after\": null}}"));

        SourcePoll notAListing = source(3).poll("new");
        SourcePoll noChildren = source(3).poll("new");

        assertThat(notAListing.failure().detail()).isEqualTo("kind is t3, not Listing");
        assertThat(noChildren.failure().detail()).isEqualTo("field data.children is missing");
        assertThat(noChildren.failure().reason()).isEqualTo(RejectReason.MALFORMED_JSON);
    }

    @Test
    void aPostThatDoesNotReadIsSkippedAndTheRestOfThePageIsKept() {
        String page = PAGE_1.replace("\"created_utc\":1700832212.0", "\"created_utc\":\"yesterday\"");
        server.enqueue(json(200, page));

        SourcePoll poll = source(1).poll("new");

        assertThat(poll.listings()).extracting(SourceListing::listingId).containsExactly("1833abe");
        SkippedItem unreadable = poll.skipped().get(0);
        assertThat(unreadable.listingId()).isEqualTo("1833abc");
        assertThat(unreadable.reason()).isEqualTo("malformed-item");
        assertThat(unreadable.detail()).startsWith("post does not read: Cannot deserialize value of type `java.math.BigDecimal` from String \"yesterday\"");
        assertThat(unreadable.url()).isEqualTo(url(FIRST_PAGE_TARGET));
        assertThat(poll.complete()).isTrue();
    }

    @Test
    void pagesAreAskedForWithTheConfiguredSizeAndUserAgent() throws InterruptedException {
        server.enqueue(json(200, PAGE_2));
        HardwareswapSettings settings = new HardwareswapSettings(HttpUrl.get(baseUrl()), 25, 1, "test-agent/1.0");

        new HardwareswapSource(http, settings, NORMALISER, Clock.fixed(NOW, ZoneOffset.UTC)).poll("new");

        RecordedRequest request = request();
        assertThat(request.getTarget()).isEqualTo("/r/hardwareswap/new.json?limit=25&raw_json=1");
        assertThat(request.getHeaders().get("User-Agent")).isEqualTo("test-agent/1.0");
    }

    @Test
    void hasTheOneQueryNewAndRefusesOthers() {
        HardwareswapSource source = source(1);

        assertThat(source.id()).isEqualTo("hardwareswap");
        assertThat(source.queries()).containsExactly("new");
        assertThatThrownBy(() -> source.poll("rtx 3090"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hardwareswap has the one query \"new\", not \"rtx 3090\"");
    }

    @Test
    void settingsRefuseWhatRedditWouldNotServe() {
        HttpUrl base = HttpUrl.get(HardwareswapSettings.DEFAULT_BASE_URL);

        assertThat(HardwareswapSettings.defaults())
                .isEqualTo(new HardwareswapSettings(base, 100, 3, "rigwatch/0.1 (used-GPU market tracker)"));
        assertThatThrownBy(() -> new HardwareswapSettings(base, 101, 3, "ua"))
                .hasMessage("pageSize must be within 1..100 (reddit's limit), got 101");
        assertThatThrownBy(() -> new HardwareswapSettings(base, 100, 0, "ua"))
                .hasMessage("maxPages must be at least 1, got 0");
        assertThatThrownBy(() -> new HardwareswapSettings(base, 100, 3, " "))
                .hasMessage("userAgent must not be blank: reddit blocks clients that send none");
    }

    private HardwareswapSource source(int maxPages) {
        HardwareswapSettings settings = new HardwareswapSettings(HttpUrl.get(baseUrl()), 100, maxPages,
                HardwareswapSettings.DEFAULT_USER_AGENT);
        return new HardwareswapSource(http, settings, NORMALISER, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static Tuple listing(String id, String title, String price, String location, String listedAt) {
        return tuple(id, title, new BigDecimal(price), location, Instant.parse(listedAt));
    }

    /** The JSON of post {@code index} on a page, as a listing or skip carries it. */
    private static String post(String page, int index) {
        try {
            return Json.mapper().readTree(page).at("/data/children/" + index + "/data").toString();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String listingFixture(String name) {
        return TestData.fixture(name);
    }
}
