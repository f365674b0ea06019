package dev.rigwatch.ingest.listing.ebay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.ingest.FetchResult;
import dev.rigwatch.ingest.RejectReason;
import dev.rigwatch.ingest.listing.SkippedItem;
import dev.rigwatch.ingest.listing.SourceListing;
import dev.rigwatch.ingest.listing.SourcePoll;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** {@link EbaySource} against a MockWebServer answering with eBay's real bodies. */
class EbaySourceTest extends EbayServerTestBase {

    /** The real first page: three items, newest first, and a {@code next}. */
    private static final String SEARCH = fixture("ebay-search-rtx3090.json");
    /** The same page as the last one: no {@code next}. */
    private static final String SEARCH_LAST = SEARCH.replaceFirst("\"next\":\"[^\"]*\",", "");
    /** The fixture's items, each on its own line. */
    private static final List<String> FIXTURE_ITEMS = SEARCH.lines().filter(line -> line.startsWith("{\"itemId\""))
            .map(line -> line.endsWith(",") ? line.substring(0, line.length() - 1) : line).toList();
    private static final String INVALID_TOKEN = fixture("ebay-error-invalid-token.json");
    private static final String SEARCH_PATH = "/buy/browse/v1/item_summary/search";

    @Test
    void mapsEveryFieldOfTheRealSearchPage() {
        server.enqueue(json(200, TOKEN));
        server.enqueue(json(200, SEARCH_LAST));

        SourcePoll poll = source(200, 5).poll(QUERY);

        Instant arrived = START.plusSeconds(2);
        assertThat(poll).isEqualTo(new SourcePoll(QUERY, START, arrived, 1, List.of(
                new SourceListing("v1|204512837461|0",
                        "EVGA GeForce RTX 3090 FTW3 ULTRA GAMING 24GB GDDR6X Graphics Card", "Used", false,
                        new BigDecimal("749.99"), "USD", new BigDecimal("0.00"), "gpu_outlet_22", "945** US",
                        "https://www.ebay.com/itm/204512837461", Instant.parse("2023-11-20T18:22:41Z"), arrived,
                        FIXTURE_ITEMS.get(0)),
                new SourceListing("v1|395021447718|0",
                        "NVIDIA GeForce RTX 3090 Founders Edition 24GB - FOR PARTS NOT WORKING",
                        "For parts or not working", true, new BigDecimal("310.00"), "USD", new BigDecimal("24.15"),
                        "fixit_finds", "303** US", "https://www.ebay.com/itm/395021447718",
                        Instant.parse("2023-11-20T02:14:09Z"), arrived, FIXTURE_ITEMS.get(1)),
                new SourceListing("v1|166431928803|0",
                        "Gigabyte RTX 3090 Turbo 24G blower GV-N3090TURBO-24GD ex-mining rig", "Used", false,
                        new BigDecimal("689.00"), "USD", new BigDecimal("15.00"), "rigbreaker", "770** US",
                        "https://www.ebay.com/itm/166431928803", Instant.parse("2023-11-18T09:51:30Z"), arrived,
                        FIXTURE_ITEMS.get(2))),
                List.of(), null, true, null, null));
        assertThat(poll.listings().get(0).price().scale()).isEqualTo(2);
    }

    @Test
    void anAuctionIsPricedAtItsCurrentBidAndAbsentDetailsAreNull() {
        String auction = "{\"itemId\":\"v1|1|0\",\"title\":\"RTX 3090\",\"price\":{\"value\":\"99.00\",\"currency\":\"USD\"},"
                + "\"currentBidPrice\":{\"value\":\"412.50\",\"currency\":\"USD\"},\"buyingOptions\":[\"AUCTION\"],"
                + "\"itemLocation\":{\"country\":\"US\"}}";
        server.enqueue(json(200, TOKEN));
        server.enqueue(json(200, page(null, auction)));

        SourcePoll poll = source(200, 5).poll(QUERY);

        assertThat(poll.listings()).containsExactly(new SourceListing("v1|1|0", "RTX 3090", null, true,
                new BigDecimal("412.50"), "USD", null, null, "US", null, null, START.plusSeconds(2), auction));
    }

    @Test
    void asksForATokenWithBasicCredentialsAndSearchesWithItAndTheMarketplace() throws InterruptedException {
        server.enqueue(json(200, TOKEN));
        server.enqueue(json(200, SEARCH_LAST));

        source(200, 5).poll(QUERY);

        RecordedRequest tokenRequest = request();
        assertThat(tokenRequest.getMethod()).isEqualTo("POST");
        assertThat(tokenRequest.getTarget()).isEqualTo(TOKEN_PATH);
        assertThat(tokenRequest.getHeaders().get("Authorization")).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString("rigwatch-app-id:s3cret-cert-id".getBytes(StandardCharsets.UTF_8)));
        assertThat(tokenRequest.getHeaders().get("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(tokenRequest.getBody().utf8())
                .isEqualTo("grant_type=client_credentials&scope=https%3A%2F%2Fapi.ebay.com%2Foauth%2Fapi_scope");
        RecordedRequest search = request();
        assertThat(search.getMethod()).isEqualTo("GET");
        assertThat(search.getTarget()).isEqualTo(SEARCH_PATH + "?q=rtx%203090&category_ids=27386"
                + "&filter=conditionIds%3A%7B3000%7D%2CbuyingOptions%3A%7BFIXED_PRICE%7CAUCTION%7D"
                + "&sort=newlyListed&limit=200&offset=0");
        assertThat(search.getUrl().queryParameter("filter"))
                .isEqualTo("conditionIds:{3000},buyingOptions:{FIXED_PRICE|AUCTION}");
        assertThat(search.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN_VALUE);
        assertThat(search.getHeaders().get("X-EBAY-C-MARKETPLACE-ID")).isEqualTo("EBAY_US");
        assertThat(search.getHeaders().get("User-Agent")).isEqualTo("rigwatch/0.1");
    }

    @Test
    void readsPagesWhileEbayHasANextOneThenCoversEverything() throws InterruptedException {
        server.enqueue(json(200, TOKEN));
        server.enqueue(json(200, SEARCH));
        server.enqueue(json(200, page(null, item("v1|4|0", "2023-11-17T08:00:00Z"), item("v1|5|0", "2023-11-16T08:00:00Z"))));

        SourcePoll poll = source(3, 5).poll(QUERY);

        assertThat(poll.complete()).isTrue();
        assertThat(poll.coveredFrom()).isNull();
        assertThat(poll.incompleteReason()).isNull();
        assertThat(poll.pages()).isEqualTo(2);
        assertThat(poll.finishedAt()).isEqualTo(START.plusSeconds(3));
        assertThat(poll.listings()).extracting(SourceListing::listingId).containsExactly(
                "v1|204512837461|0", "v1|395021447718|0", "v1|166431928803|0", "v1|4|0", "v1|5|0");
        assertThat(poll.listings()).extracting(SourceListing::observedAt).containsExactly(START.plusSeconds(2),
                START.plusSeconds(2), START.plusSeconds(2), START.plusSeconds(3), START.plusSeconds(3));
        assertThat(request().getTarget()).isEqualTo(TOKEN_PATH);
        assertThat(request().getUrl().queryParameter("offset")).isEqualTo("0");
        RecordedRequest second = request();
        assertThat(second.getUrl().queryParameter("offset")).isEqualTo("3");
        assertThat(second.getUrl().queryParameter("limit")).isEqualTo("3");
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void atThePageCapThePollCoversListingsSinceTheOldestCreationDateItRead() {
        server.enqueue(json(200, TOKEN));
        server.enqueue(json(200, SEARCH));
        server.enqueue(json(200, page("https://api.ebay.com/next",
                item("v1|4|0", "2023-11-17T08:00:00Z"), item("v1|5|0", "2023-11-16T08:00:00Z"))));

        SourcePoll poll = source(3, 2).poll(QUERY);

        assertThat(poll.complete()).isTrue();
        assertThat(poll.coveredFrom()).isEqualTo(Instant.parse("2023-11-16T08:00:00Z"));
        assertThat(poll.incompleteReason()).isNull();
        assertThat(poll.pages()).isEqualTo(2);
        assertThat(poll.listings()).hasSize(5);
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void atThePageCapWithoutAnyCreationDateThePollProvesNothing() {
        server.enqueue(json(200, TOKEN));
        server.enqueue(json(200, page("https://api.ebay.com/next", item("v1|4|0", null))));

        SourcePoll poll = source(1, 1).poll(QUERY);

        assertThat(poll.complete()).isFalse();
        assertThat(poll.failure()).isNull();
        assertThat(poll.incompleteReason()).isEqualTo("page cap 1 reached without a listing creation date");
        assertThat(poll.listings()).extracting(SourceListing::listingId).containsExactly("v1|4|0");
    }

    @Test
    void aListingPushedOntoTheNextPageByANewerOneIsOfferedOnce() {
        server.enqueue(json(200, TOKEN));
        server.enqueue(json(200, page("https://api.ebay.com/next",
                item("v1|1|0", "2023-11-20T00:00:00Z"), item("v1|2|0", "2023-11-19T00:00:00Z"))));
        server.enqueue(json(200, page(null,
                item("v1|2|0", "2023-11-19T00:00:00Z"), item("v1|3|0", "2023-11-18T00:00:00Z"))));

        SourcePoll poll = source(2, 5).poll(QUERY);

        assertThat(poll.listings()).extracting(SourceListing::listingId).containsExactly("v1|1|0", "v1|2|0", "v1|3|0");
        assertThat(poll.complete()).isTrue();
    }

    @Test
    void aSearchMatchingNothingIsACompletePollWithoutListings() {
        server.enqueue(json(200, TOKEN));
        server.enqueue(json(200, "{\"href\":\"https://api.ebay.com/buy/browse/v1/item_summary/search?q=rtx+9090\","
                + "\"total\":0,\"limit\":200,\"offset\":0}"));

        assertThat(source(200, 5).poll(QUERY)).isEqualTo(new SourcePoll(QUERY, START, START.plusSeconds(2), 1,
                List.of(), List.of(), null, true, null, null));
    }

    @Test
    void anExpiredTokenIsReplacedOnceAndThePageRetriedOnce() throws InterruptedException {
        server.enqueue(json(200, TOKEN));
        server.enqueue(json(401, INVALID_TOKEN));
        server.enqueue(json(200, NEW_TOKEN));
        server.enqueue(json(200, SEARCH_LAST));

        SourcePoll poll = source(200, 5).poll(QUERY);

        assertThat(poll.complete()).isTrue();
        assertThat(poll.failure()).isNull();
        assertThat(poll.pages()).isEqualTo(1);
        assertThat(poll.listings()).hasSize(3);
        assertThat(request().getTarget()).isEqualTo(TOKEN_PATH);
        assertThat(request().getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN_VALUE);
        assertThat(request().getTarget()).isEqualTo(TOKEN_PATH);
        RecordedRequest retry = request();
        assertThat(retry.getUrl().queryParameter("offset")).isEqualTo("0");
        assertThat(retry.getHeaders().get("Authorization")).isEqualTo("Bearer " + NEW_TOKEN_VALUE);
        assertThat(server.getRequestCount()).isEqualTo(4);
    }

    @Test
    void aSecondRefusalOfTheTokenFailsThePollWithoutAnotherRequest() {
        server.enqueue(json(200, TOKEN));
        server.enqueue(json(401, INVALID_TOKEN));
        server.enqueue(json(200, NEW_TOKEN));
        server.enqueue(json(401, INVALID_TOKEN));

        SourcePoll poll = source(200, 5).poll(QUERY);

        assertThat(poll).isEqualTo(new SourcePoll(QUERY, START, START.plusSeconds(4), 0, List.of(), List.of(),
                new FetchResult.Failure(searchUrl(200, 0), 401, RejectReason.HTTP_4XX,
                        "HTTP 401, eBay error 1001 (OAuth): Invalid access token", INVALID_TOKEN, START.plusSeconds(4),
                        null),
                false, null, "http-4xx on page 1 after a new token"));
        assertThat(server.getRequestCount()).isEqualTo(4);
    }

    @Test
    void theTokenIsReplacedFiveMinutesBeforeItExpiresWithoutWaitingForARefusal() throws InterruptedException {
        EbaySource source = source(200, 5);
        server.enqueue(json(200, TOKEN));
        server.enqueue(json(200, SEARCH_LAST));
        source.poll(QUERY);
        // requested at START, valid 7200 s: kept until 300 s remain
        clock.set(START.plusSeconds(7200 - 301));
        server.enqueue(json(200, SEARCH_LAST));
        source.poll(QUERY);
        clock.set(START.plusSeconds(7200 - 300));
        server.enqueue(json(200, NEW_TOKEN));
        server.enqueue(json(200, SEARCH_LAST));
        SourcePoll renewed = source.poll(QUERY);

        assertThat(renewed.complete()).isTrue();
        assertThat(requestTargetsAndBearers()).containsExactly(
                TOKEN_PATH,
                SEARCH_PATH + " Bearer " + TOKEN_VALUE,
                SEARCH_PATH + " Bearer " + TOKEN_VALUE,
                TOKEN_PATH,
                SEARCH_PATH + " Bearer " + NEW_TOKEN_VALUE);
    }

    @Test
    void aShortLivedTokenIsReplacedWhenATenthOfItsLifeRemains() throws InterruptedException {
        EbaySource source = source(200, 5);
        server.enqueue(json(200, "{\"access_token\":\"short\",\"expires_in\":600}"));
        server.enqueue(json(200, SEARCH_LAST));
        source.poll(QUERY);
        clock.set(START.plusSeconds(600 - 61));
        server.enqueue(json(200, SEARCH_LAST));
        source.poll(QUERY);
        clock.set(START.plusSeconds(600 - 60));
        server.enqueue(json(200, NEW_TOKEN));
        server.enqueue(json(200, SEARCH_LAST));
        source.poll(QUERY);

        assertThat(requestTargetsAndBearers()).containsExactly(
                TOKEN_PATH,
                SEARCH_PATH + " Bearer short",
                SEARCH_PATH + " Bearer short",
                TOKEN_PATH,
                SEARCH_PATH + " Bearer " + NEW_TOKEN_VALUE);
    }

    @Test
    void aRefusedTokenRequestFailsThePollBeforeAnySearch() {
        String refusal = "{\"error\":\"invalid_client\",\"error_description\":\"client authentication failed\"}";
        server.enqueue(json(401, refusal));

        SourcePoll poll = source(200, 5).poll(QUERY);

        assertThat(poll).isEqualTo(new SourcePoll(QUERY, START, START.plusSeconds(1), 0, List.of(), List.of(),
                new FetchResult.Failure(server.url(TOKEN_PATH).toString(), 401, RejectReason.HTTP_4XX,
                        "HTTP 401, eBay OAuth error invalid_client: client authentication failed", refusal,
                        START.plusSeconds(1), null),
                false, null, "token request failed on page 1: http-4xx"));
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aTokenResponseThatDoesNotReadFailsThePollWithoutTheTokenInTheFailure() {
        server.enqueue(json(200, "{\"access_token\":\"v^1.1#secret\",\"token_type\":\"Application Access Token\"}"));

        SourcePoll poll = source(200, 5).poll(QUERY);

        assertThat(poll.failure()).isEqualTo(new FetchResult.Failure(
                server.url(TOKEN_PATH).toString(), 200, RejectReason.MALFORMED_JSON,
                "field expires_in is missing", null, START.plusSeconds(1), null));
        assertThat(poll.incompleteReason()).isEqualTo("token request failed on page 1: malformed-json");
    }

    @Test
    void aRateLimitFailsThePollCarryingItsRetryAfter() {
        server.enqueue(json(200, TOKEN));
        server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "30").build());

        SourcePoll poll = source(200, 5).poll(QUERY);

        assertThat(poll.failure()).isEqualTo(new FetchResult.Failure(searchUrl(200, 0), 429, RejectReason.HTTP_429,
                "HTTP 429 Client Error; Retry-After 30, pausing PT30S", "", START.plusSeconds(2),
                Duration.ofSeconds(30)));
        assertThat(poll.complete()).isFalse();
        assertThat(poll.incompleteReason()).isEqualTo("http-429 on page 1");
        assertThat(poll.pages()).isZero();
    }

    @Test
    void aServerErrorOnPageTwoKeepsPageOnesListingsAndLeavesThePollIncomplete() {
        String internalError = "{\"errors\":[{\"errorId\":10001,\"domain\":\"API_BROWSE\",\"category\":\"APPLICATION\","
                + "\"message\":\"There was a problem with an eBay internal system or process.\"}]}";
        server.enqueue(json(200, TOKEN));
        server.enqueue(json(200, SEARCH));
        server.enqueue(json(500, internalError));

        SourcePoll poll = source(3, 5).poll(QUERY);

        assertThat(poll.failure()).isEqualTo(new FetchResult.Failure(searchUrl(3, 3), 500, RejectReason.HTTP_5XX,
                "HTTP 500, eBay error 10001 (API_BROWSE): There was a problem with an eBay internal system or process.",
                internalError, START.plusSeconds(3), null));
        assertThat(poll.complete()).isFalse();
        assertThat(poll.coveredFrom()).isNull();
        assertThat(poll.incompleteReason()).isEqualTo("http-5xx on page 2");
        assertThat(poll.pages()).isEqualTo(1);
        assertThat(poll.listings()).extracting(SourceListing::listingId)
                .containsExactly("v1|204512837461|0", "v1|395021447718|0", "v1|166431928803|0");
    }

    @Test
    void aBodyThatIsNotASearchPageIsMalformedJson() {
        String html = "<html><body>Service Temporarily Unavailable</body></html>";
        String otherJson = "{\"warnings\":[]}";
        server.enqueue(json(200, TOKEN));
        server.enqueue(json(200, html));
        server.enqueue(json(200, otherJson));
        EbaySource source = source(200, 5);

        SourcePoll garbage = source.poll(QUERY);
        SourcePoll notASearch = source.poll(QUERY);

        assertThat(garbage.failure().reason()).isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(garbage.failure().detail()).startsWith("not an eBay search page: Unexpected character ('<'");
        assertThat(garbage.failure().body()).isEqualTo(html);
        assertThat(garbage.incompleteReason()).isEqualTo("malformed-json on page 1");
        assertThat(notASearch.failure()).isEqualTo(new FetchResult.Failure(searchUrl(200, 0), 200,
                RejectReason.MALFORMED_JSON, "field total is missing", otherJson, START.plusSeconds(3), null));
        assertThat(notASearch.incompleteReason()).isEqualTo("malformed-json on page 1");
    }

    @Test
    void itemsThatDoNotMapAreSkippedAndThePageStillCounts() {
        String good = item("v1|1|0", "2023-11-20T00:00:00Z");
        List<String> malformed = List.of(
                "{\"title\":\"RTX 3090\",\"price\":{\"value\":\"500.00\",\"currency\":\"USD\"}}",
                "{\"itemId\":\"v1|3|0\",\"price\":{\"value\":\"500.00\",\"currency\":\"USD\"},"
                        + "\"itemWebUrl\":\"https://www.ebay.com/itm/3\"}",
                "{\"itemId\":\"v1|4|0\",\"title\":\"RTX 3090\"}",
                "{\"itemId\":\"v1|5|0\",\"title\":\"RTX 3090\",\"price\":{\"value\":\"five hundred\",\"currency\":\"USD\"}}",
                "{\"itemId\":\"v1|6|0\",\"title\":\"RTX 3090\",\"price\":{\"value\":\"500.00\"}}",
                "{\"itemId\":\"v1|7|0\",\"title\":\"RTX 3090\",\"price\":[\"500.00\"]}",
                "{\"itemId\":\"v1|8|0\",\"title\":\"RTX 3090\",\"price\":{\"value\":\"500.00\",\"currency\":\"USD\"},"
                        + "\"shippingOptions\":[{\"shippingCost\":{\"value\":\"20.00\",\"currency\":\"CAD\"}}]}",
                "{\"itemId\":\"v1|9|0\",\"title\":\"RTX 3090\",\"price\":{\"value\":\"500.00\",\"currency\":\"USD\"},"
                        + "\"itemCreationDate\":\"last tuesday\"}",
                "null");
        server.enqueue(json(200, TOKEN));
        server.enqueue(json(200, page(null, Stream.concat(Stream.of(good), malformed.stream()).toArray(String[]::new))));

        SourcePoll poll = source(200, 5).poll(QUERY);

        Instant arrived = START.plusSeconds(2);
        String pageUrl = searchUrl(200, 0);
        assertThat(poll.complete()).isTrue();
        assertThat(poll.pages()).isEqualTo(1);
        assertThat(poll.listings()).extracting(SourceListing::listingId).containsExactly("v1|1|0");
        assertThat(poll.skipped()).containsExactly(
                skipped(null, "field itemId is missing", pageUrl, malformed.get(0), arrived),
                skipped("v1|3|0", "field title is missing", "https://www.ebay.com/itm/3", malformed.get(1), arrived),
                skipped("v1|4|0", "field price is missing", pageUrl, malformed.get(2), arrived),
                skipped("v1|5|0", "price.value 'five hundred' is not a number", pageUrl, malformed.get(3), arrived),
                skipped("v1|6|0", "field price.currency is missing", pageUrl, malformed.get(4), arrived),
                skipped("v1|7|0", "not an eBay item summary: Cannot deserialize value of type "
                        + "`dev.rigwatch.ingest.listing.ebay.EbayItemSummary$Amount` from Array value "
                        + "(token `JsonToken.START_ARRAY`)", pageUrl, malformed.get(5), arrived),
                skipped("v1|8|0", "shipping cost is in CAD, the price in USD", pageUrl, malformed.get(6), arrived),
                skipped("v1|9|0", "not an eBay item summary: Cannot deserialize value of type `java.time.Instant` "
                        + "from String \"last tuesday\": Failed to deserialize java.time.Instant: "
                        + "(java.time.format.DateTimeParseException) Text 'last tuesday' could not be parsed at index 0",
                        pageUrl, malformed.get(7), arrived),
                skipped(null, "the item is JSON null", pageUrl, "null", arrived));
    }

    private EbaySource source(int pageSize, int maxPages) {
        return new EbaySource(http, settings(pageSize, maxPages), clock);
    }

    private String searchUrl(int limit, int offset) {
        return server.url(SEARCH_PATH).newBuilder()
                .addQueryParameter("q", QUERY)
                .addQueryParameter("category_ids", "27386")
                .addQueryParameter("filter", "conditionIds:{3000},buyingOptions:{FIXED_PRICE|AUCTION}")
                .addQueryParameter("sort", "newlyListed")
                .addQueryParameter("limit", Integer.toString(limit))
                .addQueryParameter("offset", Integer.toString(offset))
                .build().toString();
    }

    private static SkippedItem skipped(String id, String detail, String url, String raw, Instant observedAt) {
        return new SkippedItem(id, "malformed-item", detail, url, raw, observedAt);
    }

    /** A search page with these items, and a next page when {@code next} is not null. */
    private static String page(String next, String... items) {
        return "{\"total\":" + items.length + ",\"limit\":200,\"offset\":0,"
                + (next == null ? "" : "\"next\":\"" + next + "\",")
                + "\"itemSummaries\":[" + String.join(",", items) + "]}";
    }

    /** A fixed-price item, created at {@code created} (an ISO instant) or, when null, at a time eBay leaves out. */
    private static String item(String id, String created) {
        return "{\"itemId\":\"" + id + "\",\"title\":\"MSI RTX 3090 Ventus 3X 24G\","
                + "\"price\":{\"value\":\"640.00\",\"currency\":\"USD\"},\"buyingOptions\":[\"FIXED_PRICE\"]"
                + (created == null ? "" : ",\"itemCreationDate\":\"" + created + "\"") + "}";
    }

    /** Every request the server received, as its path, and for a search the bearer it carried. */
    private List<String> requestTargetsAndBearers() throws InterruptedException {
        List<String> requests = new ArrayList<>();
        for (int i = server.getRequestCount(); i > 0; i--) {
            RecordedRequest request = request();
            String path = request.getUrl().encodedPath();
            requests.add(path.equals(SEARCH_PATH) ? path + " " + request.getHeaders().get("Authorization") : path);
        }
        return requests;
    }

}
