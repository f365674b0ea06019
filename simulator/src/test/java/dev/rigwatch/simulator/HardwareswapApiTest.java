package dev.rigwatch.simulator;

import static dev.rigwatch.simulator.SimulatorClient.assertSameShape;
import static dev.rigwatch.simulator.SimulatorClient.elements;
import static dev.rigwatch.simulator.SimulatorClient.fieldNames;
import static dev.rigwatch.simulator.SimulatorClient.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rigwatch.simulator.SimulatedListing.Venue;
import dev.rigwatch.simulator.SimulatorClient.Answer;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The simulated r/hardwareswap: its newest posts, made from the listing market's hardwareswap listings. */
class HardwareswapApiTest extends SimulatorTestBase {

    private static final String NEW = "/r/hardwareswap/new.json";
    private static final Map<String, String> AGENT = Map.of("User-Agent", "rigwatch-tests/0.1 (by /u/rigwatch)");

    @Test
    void newPostsComeAsRedditsListingWithTheFixturesFields() throws IOException {
        Answer answer = client.get(NEW + "?limit=100", AGENT);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.headers().get("Content-Type")).isEqualTo("application/json; charset=utf-8");
        JsonNode listing = answer.json();
        JsonNode fixture = fixture("reddit-hardwareswap-new.json");
        assertThat(fieldNames(listing)).containsExactly("kind", "data");
        assertThat(listing.get("kind").asText()).isEqualTo("Listing");
        assertThat(fieldNames(listing.get("data"))).containsExactlyElementsOf(fieldNames(fixture.get("data")));
        assertThat(listing.get("data").get("dist").asInt()).isEqualTo(100);
        assertThat(listing.get("data").get("geo_filter").isNull()).isTrue();
        JsonNode model = fixture.get("data").get("children").get(0);
        for (JsonNode child : listing.get("data").get("children")) {
            assertSameShape(child, model, "post");
            JsonNode post = child.get("data");
            assertThat(post.get("created_utc").isFloatingPointNumber()).isTrue();
            assertThat(post.get("name").asText()).isEqualTo("t3_" + post.get("id").asText());
            assertThat(post.get("permalink").asText()).startsWith("/r/hardwareswap/comments/" + post.get("id").asText()
                    + "/usa");
            assertThat(post.get("url").asText()).isEqualTo("https://www.reddit.com" + post.get("permalink").asText());
        }
        assertThat(answer.body()).contains("\"created_utc\":" + listing.get("data").get("children").get(0)
                .get("data").get("created_utc").asLong() + ".0,");
    }

    @Test
    void theNewest500PostsComeNewestFirstPageByPageUntilAfterIsNull() throws IOException {
        List<JsonNode> posts = allPosts();

        assertThat(posts.stream().map(p -> p.get("id").asText()).toList())
                .containsExactlyElementsOf(newestPostIds(SIM_NOW, 500));
    }

    @Test
    void sellingPostsShowTheirListingsPriceAndClosedOnesStayWithTheirTitle() throws IOException {
        Instant now = market.clock().now();
        int selling = 0;
        int closed = 0;
        int buying = 0;
        for (JsonNode post : allPosts()) {
            String flair = post.get("link_flair_text").asText();
            String body = post.get("selftext").asText();
            if (flair.equals("BUYING")) {
                WantedPost wanted = wanted(post.get("id").asText());
                assertThat(post.get("title").asText()).isEqualTo(wanted.title()).contains("[H] PayPal");
                assertThat(body).contains("Budget around $" + wanted.budget().toPlainString());
                buying++;
                continue;
            }
            SimulatedListing listing = listing(post.get("id").asText());
            assertThat(post.get("title").asText()).isEqualTo(listing.title());
            assertThat(post.get("author").asText()).isEqualTo(listing.seller());
            assertThat(post.get("created_utc").asLong()).isEqualTo(listing.createdAt().getEpochSecond());
            if (listing.openAt(now)) {
                assertThat(flair).isEqualTo("SELLING");
                String price = listing.priceAt(now).stripTrailingZeros().toPlainString();
                assertThat(body).containsPattern("(\\$|[^\\d.$])" + price + "\\** shipped");
                selling++;
            } else {
                assertThat(flair).isEqualTo("CLOSED");
                assertThat(body).matches("Sold to u/\\w+, thanks!");
                closed++;
            }
        }
        assertThat(List.of(selling, closed, buying)).allSatisfy(count -> assertThat(count).isPositive());
    }

    @Test
    void aPriceCutRewritesThePriceInTheBody() throws IOException {
        Instant now = market.clock().now();
        SimulatedListing cutLater = server.listings().openListings(now).stream()
                .filter(l -> l.venue() == Venue.HARDWARESWAP && l.cut() != null && l.cut().at().isAfter(now)
                        && l.soldAt().isAfter(l.cut().at().plusSeconds(1)))
                .findFirst().orElseThrow();
        String before = body(cutLater.id());
        assertThat(before).contains(cutLater.askingPrice().stripTrailingZeros().toPlainString() + " shipped")
                .doesNotContain("Edit: price drop.");

        advance(Duration.between(now, cutLater.cut().at()).plusSeconds(1));

        assertThat(body(cutLater.id())).contains(cutLater.cut().price().stripTrailingZeros().toPlainString()
                + " shipped").doesNotContain(cutLater.askingPrice().stripTrailingZeros().toPlainString() + " shipped")
                .endsWith("\n\nEdit: price drop.");
    }

    @Test
    void limitIsClampedLikeRedditsAndAnUnknownAfterGivesAnEmptyPage() throws IOException {
        assertThat(client.get(NEW + "?limit=500", AGENT).json().get("data").get("dist").asInt()).isEqualTo(100);
        assertThat(client.get(NEW + "?limit=lots", AGENT).json().get("data").get("dist").asInt()).isEqualTo(25);
        assertThat(client.get(NEW, AGENT).json().get("data").get("children")).hasSize(25);

        for (String after : List.of("t3_zzzzzzz", "t1_" + newestPostIds(SIM_NOW, 1).get(0), "nonsense")) {
            JsonNode data = client.get(NEW + "?after=" + after, AGENT).json().get("data");
            assertThat(data.get("children")).as(after).isEmpty();
            assertThat(data.get("after").isNull()).isTrue();
        }
    }

    @Test
    void aPostOlderThanTheNewest500IsNoLongerListed() throws IOException {
        String oldest = newestPostIds(SIM_NOW, 500).get(499);
        assertThat(client.get(NEW + "?after=t3_" + newestPostIds(SIM_NOW, 499).get(498), AGENT).json()
                .get("data").get("children").get(0).get("data").get("id").asText()).isEqualTo(oldest);

        advance(Duration.ofMinutes(30));

        List<String> newest = newestPostIds(market.clock().now(), 500);
        assertThat(newest).doesNotContain(oldest);
        assertThat(client.get(NEW + "?limit=100", AGENT).json().get("data").get("children").get(0).get("data")
                .get("id").asText()).isEqualTo(newest.get(0)).isNotEqualTo(newestPostIds(SIM_NOW, 1).get(0));
        assertThat(client.get(NEW + "?after=t3_" + oldest, AGENT).json().get("data").get("children")).isEmpty();
    }

    @Test
    void withoutADescriptiveUserAgentRedditForbidsTheRequest() throws IOException {
        for (Map<String, String> headers : List.of(Map.<String, String>of(), Map.of("User-Agent", ""),
                Map.of("User-Agent", "Java-http-client/17.0.9"))) {
            Answer forbidden = client.get(NEW, headers);
            assertThat(forbidden.status()).as(headers.toString()).isEqualTo(403);
            assertThat(forbidden.body()).isEqualTo("{\"message\":\"Forbidden\",\"error\":403}");
        }
        assertThat(client.get("/r/hardwareswap/hot.json", AGENT).body())
                .isEqualTo("{\"message\":\"Not Found\",\"error\":404}");
    }

    /** Every listed post, read 100 a page by following {@code after} until it is null: five pages. */
    private List<JsonNode> allPosts() throws IOException {
        List<JsonNode> posts = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            JsonNode data = client.get(NEW + "?limit=100" + (after == null ? "" : "&after=" + after), AGENT).json()
                    .get("data");
            data.get("children").forEach(child -> posts.add(child.get("data")));
            after = data.get("after").isNull() ? null : data.get("after").asText();
            if (after != null) {
                assertThat(after).isEqualTo(posts.get(posts.size() - 1).get("name").asText());
            }
            pages++;
        } while (after != null);
        assertThat(pages).isEqualTo(5);
        return posts;
    }

    /** What reddit should list at {@code at}: hardwareswap listings and buying posts, newest first. */
    private List<String> newestPostIds(Instant at, int count) {
        ListingMarket listings = server.listings();
        Instant from = listings.openedAt();
        Stream<Map.Entry<Long, String>> selling = listings.listingsCreated(from, at.plusNanos(1)).stream()
                .filter(l -> l.venue() == Venue.HARDWARESWAP).map(l -> Map.entry(l.serial(), l.id()));
        Stream<Map.Entry<Long, String>> buying = listings.wantedPosts(from, at.plusNanos(1)).stream()
                .map(p -> Map.entry(p.serial(), p.id()));
        return Stream.concat(selling, buying).sorted(Map.Entry.<Long, String>comparingByKey().reversed())
                .limit(count).map(Map.Entry::getValue).toList();
    }

    private SimulatedListing listing(String id) {
        Instant now = market.clock().now();
        return server.listings().listingsCreated(now.minus(Duration.ofHours(6)), now.plusNanos(1)).stream()
                .filter(l -> l.venue() == Venue.HARDWARESWAP && l.id().equals(id)).findFirst().orElseThrow();
    }

    private WantedPost wanted(String id) {
        Instant now = market.clock().now();
        return server.listings().wantedPosts(now.minus(Duration.ofHours(6)), now.plusNanos(1)).stream()
                .filter(p -> p.id().equals(id)).findFirst().orElseThrow();
    }

    /** The body of post {@code id} among the newest 100. */
    private String body(String id) throws IOException {
        return elements(client.get(NEW + "?limit=100", AGENT).json().get("data").get("children"))
                .map(child -> child.get("data")).filter(post -> post.get("id").asText().equals(id)).findFirst()
                .orElseThrow().get("selftext").asText();
    }
}
