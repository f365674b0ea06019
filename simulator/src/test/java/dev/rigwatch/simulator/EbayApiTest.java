package dev.rigwatch.simulator;

import static dev.rigwatch.simulator.SimulatorClient.assertSameShape;
import static dev.rigwatch.simulator.SimulatorClient.basicAuth;
import static dev.rigwatch.simulator.SimulatorClient.elements;
import static dev.rigwatch.simulator.SimulatorClient.fieldNames;
import static dev.rigwatch.simulator.SimulatorClient.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rigwatch.simulator.SimulatedListing.Kind;
import dev.rigwatch.simulator.SimulatedListing.Venue;
import dev.rigwatch.simulator.SimulatorClient.Answer;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The simulated eBay: its OAuth token and its item search over the listing market's open eBay listings. */
class EbayApiTest extends SimulatorTestBase {

    private static final String OUR_CLIENT = basicAuth("rigwatch-sim", "sim-secret");
    private static final String GRANT =
            "grant_type=client_credentials&scope=https%3A%2F%2Fapi.ebay.com%2Foauth%2Fapi_scope";
    private static final String SEARCH = "/buy/browse/v1/item_summary/search";
    private static final DateTimeFormatter EBAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    @Test
    void aTokenNeedsOurClientInHttpBasic() throws IOException {
        for (Map<String, String> headers : List.of(Map.<String, String>of(),
                Map.of("Authorization", basicAuth("rigwatch-sim", "wrong")),
                Map.of("Authorization", "Bearer " + OUR_CLIENT.substring(6)))) {
            Answer refused = client.postForm(EbayApi.TOKEN_PATH, headers, GRANT);
            assertThat(refused.status()).as(headers.toString()).isEqualTo(401);
            assertThat(refused.body()).isEqualTo(
                    "{\"error\":\"invalid_client\",\"error_description\":\"client authentication failed\"}");
        }

        Answer granted = client.postForm(EbayApi.TOKEN_PATH, Map.of("Authorization", OUR_CLIENT), GRANT);

        assertThat(granted.status()).isEqualTo(200);
        assertThat(granted.headers().get("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertSameShape(granted.json(), fixture("ebay-oauth-token.json"), "token");
        assertThat(granted.json().get("expires_in").asLong()).isEqualTo(7200);
        assertThat(granted.json().get("token_type").asText()).isEqualTo("Application Access Token");
        assertThat(granted.json().get("access_token").asText()).startsWith("v^1.1#i^1#p^1#r^0#").isNotEqualTo(token());
    }

    @Test
    void aTokenNeedsTheClientCredentialsGrantAndAtMostTheApiScope() throws IOException {
        Map<String, String> ours = Map.of("Authorization", OUR_CLIENT);
        assertThat(client.postForm(EbayApi.TOKEN_PATH, ours, "scope=x").body()).isEqualTo(
                "{\"error\":\"invalid_request\",\"error_description\":\"request is missing a required parameter or "
                        + "malformed.\"}");
        Answer password = client.postForm(EbayApi.TOKEN_PATH, ours, "grant_type=password");
        assertThat(password.status()).isEqualTo(400);
        assertThat(password.json().get("error").asText()).isEqualTo("unsupported_grant_type");
        Answer scope = client.postForm(EbayApi.TOKEN_PATH, ours,
                "grant_type=client_credentials&scope=https%3A%2F%2Fapi.ebay.com%2Foauth%2Fapi_scope%2Fsell.inventory");
        assertThat(scope.status()).isEqualTo(400);
        assertThat(scope.json().get("error").asText()).isEqualTo("invalid_scope");
        assertThat(client.postForm(EbayApi.TOKEN_PATH, ours, "grant_type=client_credentials").status()).isEqualTo(200);

        Answer get = client.get(EbayApi.TOKEN_PATH, ours);
        assertThat(get.status()).isEqualTo(405);
        assertThat(get.headers().get("Allow")).isEqualTo("POST");
    }

    @Test
    void searchingWithoutAValidTokenIsEbays401() throws IOException {
        Answer missing = client.get(SEARCH + "?q=rtx");
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.json().get("errors").get(0).get("errorId").asInt()).isEqualTo(1002);
        assertSameShape(missing.json(), fixture("ebay-error-invalid-token.json"), "error");

        Answer unknown = search("q=rtx", "v^1.1#i^1#p^1#r^0#I^3#f^0#t^H4sIAAAAAAAAAOVYa2wUVRQ");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.json()).isEqualTo(fixture("ebay-error-invalid-token.json"));
    }

    @Test
    void aTokenExpiresAfterItsLifetimeOfRealTime() throws IOException {
        String token = token();
        real.advance(Duration.ofSeconds(7199));
        assertThat(search("q=rtx", token).status()).isEqualTo(200);

        real.advance(Duration.ofSeconds(1));
        Answer expired = search("q=rtx", token);
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.json()).isEqualTo(fixture("ebay-error-invalid-token.json"));
        assertThat(search("q=rtx", token()).status()).isEqualTo(200);
    }

    @Test
    void expiringTheTokensMakesEveryTokenIssuedSoFarInvalid() throws IOException {
        String first = token();
        String second = token();

        server.expireEbayTokens();

        assertThat(search("q=rtx", first).json()).isEqualTo(fixture("ebay-error-invalid-token.json"));
        assertThat(search("q=rtx", second).status()).isEqualTo(401);
        assertThat(search("q=rtx", token()).status()).isEqualTo(200);
    }

    @Test
    void searchHoldsTheOpenEbayListingsWithEveryWordOfTheQueryNewestFirst() throws IOException {
        String token = token();
        Instant now = market.clock().now();
        List<SimulatedListing> expected = openOnEbay(l -> EbaySearch.words(l.title()).containsAll(List.of("rtx", "3090")));
        assertThat(expected).hasSizeGreaterThan(20);

        JsonNode page = search("q=RTX+3090&category_ids=27386&limit=200", token).json();

        assertThat(page.get("total").asInt()).isEqualTo(expected.size());
        assertThat(ids(page)).containsExactlyElementsOf(expected.stream().map(SimulatedListing::id).toList());
        for (int i = 0; i < expected.size(); i++) {
            SimulatedListing listing = expected.get(i);
            JsonNode item = page.get("itemSummaries").get(i);
            assertThat(item.get("title").asText()).isEqualTo(listing.title());
            assertThat(item.get("price").get("value").asText()).isEqualTo(listing.priceAt(now).toPlainString());
            assertThat(item.get("price").get("currency").asText()).isEqualTo(listing.currency());
            assertThat(item.get("itemCreationDate").asText()).isEqualTo(EBAY_TIME.format(listing.createdAt()));
            assertThat(item.get("legacyItemId").asText()).isEqualTo(listing.legacyItemId());
            assertThat(item.get("seller").get("username").asText()).isEqualTo(listing.seller());
            assertThat(item.get("itemLocation").get("country").asText()).isEqualTo(listing.country());
            assertThat(item.get("itemLocation").get("postalCode").asText()).isEqualTo(listing.region());
            assertThat(item.get("shippingOptions").get(0).get("shippingCost").get("value").asText())
                    .isEqualTo(listing.shipping().toPlainString());
            assertThat(item.get("conditionId").asText()).isEqualTo(listing.kind() == Kind.FOR_PARTS ? "7000" : "3000");
        }

        JsonNode narrower = search("q=3090+ftw3&limit=200", token).json();
        assertThat(ids(narrower)).containsExactlyElementsOf(openOnEbay(
                l -> EbaySearch.words(l.title()).containsAll(List.of("3090", "ftw3"))).stream().map(SimulatedListing::id)
                .toList()).isNotEmpty();
    }

    @Test
    void itemsHaveTheFixturesFieldsAndAuctionsTheirBidFieldsToo() throws IOException {
        String token = token();
        JsonNode page = search("category_ids=27386&limit=3", token).json();
        JsonNode fixture = fixture("ebay-search-rtx3090.json");
        assertThat(fieldNames(page)).containsExactlyElementsOf(fieldNames(fixture));
        JsonNode fixedPriceModel = fixture.get("itemSummaries").get(0);
        JsonNode auctionModel = fixture.get("itemSummaries").get(1);

        JsonNode fixedPrice = search("category_ids=27386&filter=buyingOptions:%7BFIXED_PRICE%7D&limit=200", token)
                .json().get("itemSummaries");
        JsonNode auctions = search("category_ids=27386&filter=buyingOptions:%7BAUCTION%7D&limit=200", token)
                .json().get("itemSummaries");
        assertThat(fixedPrice).hasSizeGreaterThan(100);
        assertThat(auctions).isNotEmpty();
        elements(fixedPrice).forEach(item -> assertSameShape(item, fixedPriceModel, "fixed-price item"));
        List<String> auctionFields = new ArrayList<>(fieldNames(fixedPriceModel));
        auctionFields.addAll(auctionFields.indexOf("buyingOptions") + 1,
                List.of("currentBidPrice", "bidCount", "itemEndDate"));
        Instant now = market.clock().now();
        for (JsonNode item : auctions) {
            assertThat(fieldNames(item)).containsExactlyElementsOf(auctionFields);
            for (String field : List.of("price", "currentBidPrice", "bidCount", "itemEndDate", "buyingOptions")) {
                assertSameShape(item.get(field), auctionModel.get(field), "auction " + field);
            }
            SimulatedListing listing = listing(item.get("itemId").asText());
            assertThat(item.get("currentBidPrice")).isEqualTo(item.get("price"));
            assertThat(item.get("price").get("value").asText()).isEqualTo(listing.priceAt(now).toPlainString());
            assertThat(item.get("bidCount").asInt()).isEqualTo(listing.bidCountAt(now));
            assertThat(item.get("itemEndDate").asText()).isEqualTo(EBAY_TIME.format(listing.soldAt()));
        }
    }

    @Test
    void pagesFollowedByNextAddUpToTheWholeResult() throws IOException {
        String token = token();
        List<String> all = idsOf(openOnEbay(l -> EbaySearch.words(l.title()).contains("rtx")));
        assertThat(all).hasSizeGreaterThan(200);

        List<String> paged = new ArrayList<>();
        Answer answer = search("q=rtx&limit=25", token);
        int pages = 0;
        long started = System.nanoTime();
        while (true) {
            JsonNode page = answer.json();
            assertThat(page.get("total").asInt()).isEqualTo(all.size());
            assertThat(page.get("offset").asInt()).isEqualTo(25 * pages);
            assertThat(page.get("limit").asInt()).isEqualTo(25);
            assertThat(page.has("prev")).isEqualTo(pages > 0);
            assertThat(page.get("href").asText()).startsWith(server.baseUrl() + SEARCH + "?q=rtx&limit=25");
            paged.addAll(ids(page));
            pages++;
            if (!page.has("next")) {
                break;
            }
            assertThat(page.get("next").asText())
                    .isEqualTo(server.baseUrl() + SEARCH + "?q=rtx&limit=25&offset=" + 25 * pages);
            answer = client.getUrl(page.get("next").asText(), Map.of("Authorization", "Bearer " + token));
        }
        double millisPerPage = (System.nanoTime() - started) / 1e6 / pages;
        System.out.printf("eBay search among %d open listings: %d pages of 25, %.1f ms a page%n",
                server.listings().openListings(market.clock().now()).size(), pages, millisPerPage);

        assertThat(paged).containsExactlyElementsOf(all);
        assertThat(pages).isEqualTo((all.size() + 24) / 25);
        assertThat(millisPerPage).as("a search page costs milliseconds, not a day's generation").isLessThan(500);
    }

    @Test
    void anotherCategoryOrAnOffsetPastTheEndHasNoItemSummaries() throws IOException {
        String token = token();
        JsonNode otherCategory = search("q=rtx&category_ids=9355", token).json();
        assertThat(fieldNames(otherCategory)).containsExactly("href", "total", "limit", "offset");
        assertThat(otherCategory.get("total").asInt()).isZero();

        JsonNode pastTheEnd = search("q=rtx+3090&offset=9000&limit=10", token).json();
        assertThat(fieldNames(pastTheEnd)).containsExactly("href", "total", "prev", "limit", "offset");
        assertThat(pastTheEnd.get("prev").asText()).endsWith("?q=rtx+3090&limit=10&offset=8990");
    }

    @Test
    void badParametersAreBadRequestsInEbaysShape() throws IOException {
        String token = token();
        Map<String, String> expectedMessages = Map.of(
                "q=rtx&limit=0", "The 'limit' value should be between 1 and 200 (inclusive).",
                "q=rtx&limit=201", "The 'limit' value should be between 1 and 200 (inclusive).",
                "q=rtx&offset=-1", "The 'offset' value should be between 0 and 9999 (inclusive).",
                "q=rtx&offset=10000", "The 'offset' value should be between 0 and 9999 (inclusive).",
                "limit=10", "The call must have a valid 'q', 'category_ids', 'epid', 'gtin', or 'charity_ids' query "
                        + "parameter.",
                "q=rtx&sort=distance", "The 'sort' value distance is invalid: the simulator supports newlyListed, "
                        + "price and -price.",
                "q=rtx&filter=price:%5B100..500%5D", "The 'filter' value price:[100..500] is invalid: the simulator "
                        + "supports conditionIds, buyingOptions, itemLocationCountry and priceCurrency, not price.",
                "q=rtx&filter=conditionIds", "The 'filter' value conditionIds is invalid.");
        for (Map.Entry<String, String> bad : expectedMessages.entrySet()) {
            Answer answer = search(bad.getKey(), token);
            assertThat(answer.status()).as(bad.getKey()).isEqualTo(400);
            JsonNode error = answer.json().get("errors").get(0);
            assertThat(error.get("domain").asText()).isEqualTo("API_BROWSE");
            assertThat(error.get("message").asText()).as(bad.getKey()).isEqualTo(bad.getValue());
        }
    }

    @Test
    void filtersSelectByConditionBuyingOptionCountryAndCurrency() throws IOException {
        String token = token();
        assertThat(ids(search("category_ids=27386&filter=conditionIds:%7B7000%7D&limit=200", token).json()))
                .containsExactlyElementsOf(idsOf(openOnEbay(l -> l.kind() == Kind.FOR_PARTS))).isNotEmpty();
        assertThat(ids(search("category_ids=27386&filter=buyingOptions:%7BAUCTION%7D,conditionIds:%7B3000%7D"
                + "&limit=200", token).json()))
                .containsExactlyElementsOf(idsOf(openOnEbay(l -> l.auction() != null && l.kind() != Kind.FOR_PARTS)))
                .isNotEmpty();
        assertThat(ids(search("category_ids=27386&filter=itemLocationCountry:US,priceCurrency:%7BEUR%7CGBP%7D"
                + "&limit=200", token).json())).isEmpty();
        assertThat(ids(search("category_ids=27386&filter=priceCurrency:%7BEUR%7CGBP%7D&limit=200", token).json()))
                .containsExactlyElementsOf(idsOf(openOnEbay(l -> !l.currency().equals("USD")))).isNotEmpty();
    }

    @Test
    void sortingByPriceOrdersByTheCurrentPrice() throws IOException {
        String token = token();
        Instant now = market.clock().now();
        List<SimulatedListing> cards = openOnEbay(l -> EbaySearch.words(l.title()).contains("3080"));
        assertThat(ids(search("q=3080&sort=price&limit=200", token).json())).containsExactlyElementsOf(idsOf(
                cards.stream().sorted(Comparator.comparing((SimulatedListing l) -> l.priceAt(now))
                        .thenComparing(Comparator.comparingLong(SimulatedListing::serial).reversed())).toList()));
        assertThat(ids(search("q=3080&sort=-price&limit=200", token).json())).containsExactlyElementsOf(idsOf(
                cards.stream().sorted(Comparator.comparing((SimulatedListing l) -> l.priceAt(now)).reversed()
                        .thenComparing(Comparator.comparingLong(SimulatedListing::serial).reversed())).toList()));
    }

    @Test
    void aListingLeavesTheSearchOnceSoldAndTheResultFollowsTheMarket() throws IOException {
        String token = token();
        Predicate<SimulatedListing> rtx3090 = l -> EbaySearch.words(l.title()).containsAll(List.of("rtx", "3090"));
        List<String> before = ids(search("q=rtx+3090&limit=200", token).json());
        SimulatedListing soonestSold = openOnEbay(rtx3090).stream()
                .min(Comparator.comparing(SimulatedListing::soldAt)).orElseThrow();
        assertThat(before).contains(soonestSold.id());

        advance(Duration.between(market.clock().now(), soonestSold.soldAt()).plusMillis(1));

        List<String> after = ids(search("q=rtx+3090&limit=200", token).json());
        assertThat(after).doesNotContain(soonestSold.id()).isEqualTo(idsOf(openOnEbay(rtx3090)));
        advance(Duration.ofMinutes(5));
        List<String> later = ids(search("q=rtx+3090&limit=200", token).json());
        assertThat(later).isEqualTo(idsOf(openOnEbay(rtx3090))).isNotEqualTo(after);
    }

    /** The market's open eBay listings matching {@code matching}, in eBay's newest-first order. */
    private List<SimulatedListing> openOnEbay(Predicate<SimulatedListing> matching) {
        return server.listings().openListings(market.clock().now()).stream()
                .filter(l -> l.venue() == Venue.EBAY).filter(matching).toList();
    }

    private SimulatedListing listing(String itemId) {
        return openOnEbay(l -> l.id().equals(itemId)).get(0);
    }

    private String token() throws IOException {
        Answer answer = client.postForm(EbayApi.TOKEN_PATH, Map.of("Authorization", OUR_CLIENT), GRANT);
        assertThat(answer.status()).isEqualTo(200);
        return answer.json().get("access_token").asText();
    }

    private Answer search(String query, String token) throws IOException {
        return client.get(SEARCH + "?" + query, Map.of("Authorization", "Bearer " + token,
                "X-EBAY-C-MARKETPLACE-ID", "EBAY_US"));
    }

    private static List<String> ids(JsonNode page) {
        return page.has("itemSummaries")
                ? elements(page.get("itemSummaries")).map(item -> item.get("itemId").asText()).toList()
                : List.of();
    }

    private static List<String> idsOf(List<SimulatedListing> listings) {
        return listings.stream().map(SimulatedListing::id).toList();
    }
}
