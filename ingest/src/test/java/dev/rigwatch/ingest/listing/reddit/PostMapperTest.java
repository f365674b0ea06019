package dev.rigwatch.ingest.listing.reddit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rigwatch.events.Json;
import dev.rigwatch.ingest.gpu.TitleNormaliser;
import dev.rigwatch.ingest.listing.SkippedItem;
import dev.rigwatch.ingest.listing.SourceListing;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PostMapperTest {

    private static final PostMapper MAPPER = new PostMapper(TitleNormaliser.standard());
    private static final Instant OBSERVED = Instant.parse("2026-11-25T12:00:00Z");
    private static final String PAGE = "https://reddit.test/r/hardwareswap/new.json";
    private static final String POST_URL = "https://www.reddit.com/r/hardwareswap/comments/abc123/post/";

    @Test
    void eachCardOfAPartOutIsOneListingPricedFromTheBodyLineThatNamesThatCard() {
        RedditListing.Thing post = post("SELLING", "[USA-CA] [H] RTX 3080, RTX 3080 Ti, RX 6800, Ryzen 5 3600 [W] PayPal",
                "3080 Ti - $600\nEVGA 3080 FTW3 - $420 shipped\nRX 6800 XT sold, RX 6800 is $300\nRyzen - $80");

        PostMapper.Mapped mapped = MAPPER.map(post, PAGE, OBSERVED);

        assertThat(mapped.listings()).extracting(SourceListing::listingId, SourceListing::title, SourceListing::price)
                .containsExactly(
                        tuple("abc123", "RTX 3080", new BigDecimal("420")),
                        tuple("abc123#2", "RTX 3080 Ti", new BigDecimal("600")),
                        tuple("abc123#3", "RX 6800", new BigDecimal("300")));
        assertThat(mapped.skipped()).isEmpty();
    }

    @Test
    void everyFieldOfAListingComesFromThePost() {
        RedditListing.Thing post = post("SELLING", "[USA-NY] [H] RTX 3070 FE [W] PayPal", "3070 FE, $300 shipped");

        PostMapper.Mapped mapped = MAPPER.map(post, PAGE, OBSERVED);

        assertThat(mapped.listings()).containsExactly(new SourceListing("abc123", "RTX 3070 FE", "Used", false,
                new BigDecimal("300"), "USD", null, "seller_1", "USA-NY", POST_URL,
                Instant.parse("2023-11-14T22:13:20.500Z"), OBSERVED, post.data().toString()));
        assertThat(mapped.createdAt()).isEqualTo(Instant.parse("2023-11-14T22:13:20.500Z"));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            USA-NY | 3070 FE, $300 shipped     | 300 | USD
            CAN-ON | 3070 FE, $400 shipped     | 400 | CAD
            CAN    | 3070 FE - 400 obo         | 400 | CAD
            CAN-BC | 3070 FE, $300 USD shipped | 300 | USD
            CAN-QC | 3070 FE, US$300           | 300 | USD
            USA-WA | 3070 FE, C$400 shipped    | 400 | CAD
            USA-WA | 3070 FE, $400 shipped CAD | 400 | CAD
            USA-MI | 3070 FE, CAD 400 shipped  | 400 | CAD
            """)
    void aPriceIsInTheCurrencyItNamesOrElseInThatOfThePostsCountry(String location, String body, String price,
                                                                    String currency) {
        RedditListing.Thing post = post("SELLING", "[" + location + "] [H] RTX 3070 FE [W] PayPal", body);

        assertThat(MAPPER.map(post, PAGE, OBSERVED).listings())
                .extracting(SourceListing::price, SourceListing::currency)
                .containsExactly(tuple(new BigDecimal(price), currency));
    }

    @Test
    void aPriceInTheCardsOwnPartOfTheTitleIsUsedWhenTheBodyHasNone() {
        RedditListing.Thing post = post("SELLING", "[USA-NY] [H] RTX 3070 $300, RX 6700 XT 280 shipped [W] PayPal",
                "Timestamps in the comments.");

        assertThat(MAPPER.map(post, PAGE, OBSERVED).listings())
                .extracting(SourceListing::listingId, SourceListing::title, SourceListing::price)
                .containsExactly(
                        tuple("abc123", "RTX 3070 $300", new BigDecimal("300")),
                        tuple("abc123#2", "RX 6700 XT 280 shipped", new BigDecimal("280")));
    }

    @Test
    void theOnlyPriceOfAOneCardPostIsItsPriceWhereverItStands() {
        RedditListing.Thing inWant = post("SELLING", "[USA-IL] [H] RTX 3060 Ti [W] $250 PayPal", "Works great.");
        RedditListing.Thing inBody = post("SELLING", "[USA-IL] [H] RTX 3060 Ti [W] PayPal",
                "Never mined. Asking 250 shipped.");

        assertThat(MAPPER.map(inWant, PAGE, OBSERVED).listings()).extracting(SourceListing::price)
                .containsExactly(new BigDecimal("250"));
        assertThat(MAPPER.map(inBody, PAGE, OBSERVED).listings()).extracting(SourceListing::price)
                .containsExactly(new BigDecimal("250"));
    }

    @Test
    void aCardWithoutAPriceIsSkippedAndTheOtherCardsOfThePostKept() {
        RedditListing.Thing post = post("SELLING", "[USA-WA] [H] RTX 3080, RTX 3070 [W] PayPal",
                "3080 - $450\nMake me an offer on the 3070.");

        PostMapper.Mapped mapped = MAPPER.map(post, PAGE, OBSERVED);

        assertThat(mapped.listings()).extracting(SourceListing::listingId).containsExactly("abc123");
        assertThat(mapped.skipped()).containsExactly(new SkippedItem("abc123#2", "no-price",
                "no price for \"RTX 3070\" in the body or the title", POST_URL, post.data().toString(), OBSERVED));
    }

    @Test
    void theOnlyPriceOfAPostThatAlsoOffersOtherHardwareIsNotTheCards() {
        RedditListing.Thing post = post("SELLING", "[USA-WA] [H] RTX 3080, Ryzen 7 5800X [W] PayPal",
                "Ryzen - $150\n3080 - make me an offer");

        PostMapper.Mapped mapped = MAPPER.map(post, PAGE, OBSERVED);

        assertThat(mapped.listings()).isEmpty();
        assertThat(mapped.skipped()).extracting(SkippedItem::listingId, SkippedItem::reason)
                .containsExactly(tuple("abc123", "no-price"));
    }

    @Test
    void twoPricesForOneCardThatNoLineTiesToItIsNoPrice() {
        RedditListing.Thing post = post("SELLING", "[USA-WA] [H] RTX 3080 [W] PayPal",
                "$450 without the box or $470 with it.");

        assertThat(MAPPER.map(post, PAGE, OBSERVED).skipped()).extracting(SkippedItem::reason)
                .containsExactly("no-price");
    }

    @Test
    void aWholePcIsOneItemPricedAsTheSystemNotSplitIntoItsParts() {
        RedditListing.Thing post = post("SELLING", "[USA-CA] [H] Gaming PC - Ryzen 7 5800X, RTX 3080, 32GB RAM [W] PayPal",
                "Specs: 5800X, RTX 3080 FE, 32GB. Asking $1,100 shipped.");

        assertThat(MAPPER.map(post, PAGE, OBSERVED).listings())
                .extracting(SourceListing::listingId, SourceListing::title, SourceListing::price)
                .containsExactly(tuple("abc123", "Gaming PC - Ryzen 7 5800X, RTX 3080, 32GB RAM", new BigDecimal("1100")));
    }

    @Test
    void aCardForPartsIsStillOfferedSoThatThePollerRejectsItSayingWhy() {
        RedditListing.Thing post = post("SELLING",
                "[USA-CA] [H] RTX 3080 for parts $150, Ryzen 5 3600 for parts $40 [W] PayPal",
                "Card has no display output, CPU does not boot.");

        assertThat(MAPPER.map(post, PAGE, OBSERVED).listings())
                .extracting(SourceListing::listingId, SourceListing::title, SourceListing::price)
                .containsExactly(tuple("abc123", "RTX 3080 for parts $150", new BigDecimal("150")));
    }

    @Test
    void wantFirstTitlesReadTheSame() {
        RedditListing.Thing post = post("SELLING", "[CAN-ON] [W] PayPal [H] RX 7900 XTX $850", "");

        assertThat(MAPPER.map(post, PAGE, OBSERVED).listings())
                .extracting(SourceListing::title, SourceListing::location, SourceListing::price)
                .containsExactly(tuple("RX 7900 XTX $850", "CAN-ON", new BigDecimal("850")));
    }

    @Test
    void aTitleWithoutALocationTagHasNoLocation() {
        RedditListing.Thing post = post("SELLING", "[H] RTX 4060 [W] PayPal", "$240");

        assertThat(MAPPER.map(post, PAGE, OBSERVED).listings()).extracting(SourceListing::location)
                .containsExactly((String) null);
    }

    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource(delimiter = '|', textBlock = """
            BUYING   | [USA-NY] [H] PayPal [W] RTX 3090                   | want-to-buy | flair BUYING
                     | [USA-TX] [H] PayPal, Local Cash [W] RTX 3080       | want-to-buy | [H] offers money and no GPU: PayPal, Local Cash
            CLOSED   | [USA-WA] [H] RTX 4070 Ti [W] PayPal                | closed      | flair CLOSED
            sold     | [USA-WA] [H] RTX 4070 Ti [W] PayPal                | closed      | flair SOLD
            SELLING  | [SOLD] [USA-WA] [H] RTX 4070 Ti [W] PayPal         | closed      | title marked sold: [SOLD] [USA-WA] [H] RTX 4070 Ti [W] PayPal
            SELLING  | [USA-WA] [H] RTX 4070 Ti [W] PayPal - SOLD         | closed      | title marked sold: [USA-WA] [H] RTX 4070 Ti [W] PayPal - SOLD
            TRADING  | [USA-FL] [H] RX 6700 XT [W] RTX 3070               | trading     | [W] asks for no money: RTX 3070
            SELLING  | [USA-FL] [H] RX 6700 XT [W] Offers                 | trading     | [W] asks for no money: Offers
            SELLING  | [USA-FL] [H] Ryzen 7 5800X, 32GB DDR4 [W] PayPal   | no-gpu      | nothing in [H] is a GPU: Ryzen 7 5800X, 32GB DDR4
            SELLING  | [USA-FL] [H] Corsair RM850x, NZXT H510 [W] PayPal  | no-gpu      | nothing in [H] is a GPU: Corsair RM850x, NZXT H510
            OFFICIAL | Monthly Confirmed Trade Thread                     | malformed-item | title has no [H] and [W] parts: Monthly Confirmed Trade Thread
            """)
    void postsThatSellNoGpuForMoneyAreSkippedWithTheirReason(String flair, String title, String reason, String detail) {
        RedditListing.Thing post = post(flair, title, "$400");

        PostMapper.Mapped mapped = MAPPER.map(post, PAGE, OBSERVED);

        assertThat(mapped.listings()).isEmpty();
        assertThat(mapped.skipped()).containsExactly(
                new SkippedItem("abc123", reason, detail, POST_URL, post.data().toString(), OBSERVED));
    }

    @Test
    void aChildThatIsNotAPostIsMalformedAndNamesThePage() {
        ObjectNode comment = Json.mapper().createObjectNode().put("id", "c1");
        RedditListing.Thing thing = new RedditListing.Thing("t1", comment);

        PostMapper.Mapped mapped = MAPPER.map(thing, PAGE, OBSERVED);

        assertThat(mapped.skipped()).containsExactly(new SkippedItem(null, "malformed-item", "not a post: kind t1", PAGE,
                "{\"kind\":\"t1\",\"data\":{\"id\":\"c1\"}}", OBSERVED));
        assertThat(mapped.createdAt()).isNull();
    }

    @Test
    void aPostWithoutATimeIsMalformed() {
        RedditListing.Thing post = post("SELLING", "[USA-CA] [H] RTX 3080 [W] PayPal", "$400");
        ((ObjectNode) post.data()).remove("created_utc");
        RedditListing.Thing farFuture = post("SELLING", "[USA-CA] [H] RTX 3080 [W] PayPal", "$400");
        ((ObjectNode) farFuture.data()).put("created_utc", new BigDecimal("1E+30"));

        assertThat(MAPPER.map(post, PAGE, OBSERVED).skipped()).extracting(SkippedItem::listingId, SkippedItem::reason,
                SkippedItem::detail).containsExactly(tuple("abc123", "malformed-item", "field created_utc is missing"));
        assertThat(MAPPER.map(farFuture, PAGE, OBSERVED).skipped()).extracting(SkippedItem::detail)
                .containsExactly("created_utc 1000000000000000000000000000000 is not a time");
    }

    @Test
    @org.junit.jupiter.api.Timeout(5)
    void aTimeWithAHugeExponentIsMalformedAtOnceNotRoundedForHours() {
        // rounding 1e999999999 (or 1e-999999999) seconds to milliseconds never ends; its plain text is a billion digits
        for (String written : new String[] {"1e999999999", "1e-999999999"}) {
            RedditListing.Thing post = post("SELLING", "[USA-CA] [H] RTX 3080 [W] PayPal", "$400");
            ((ObjectNode) post.data()).put("created_utc", new BigDecimal(written));

            assertThat(MAPPER.map(post, PAGE, OBSERVED).skipped()).extracting(SkippedItem::detail)
                    .containsExactly("created_utc " + new BigDecimal(written) + " is not a time");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            RTX 3080, RTX 3070 + RX 6600 & Arc A770 and GTX 1080 | RTX 3080;RTX 3070;RX 6600;Arc A770;GTX 1080
            RTX 3080 / RX 6800 XT                                | RTX 3080;RX 6800 XT
            3080/3090                                            | 3080;3090
            EVGA 3080 FTW3 w/ backplate                          | EVGA 3080 FTW3 w/ backplate
            RTX 3080 10GB/12GB                                   | RTX 3080 10GB/12GB
            RTX 4090 FE $1,600, original box                     | RTX 4090 FE $1,600;original box
            Gaming PC (5800X/3080/32GB)                          | Gaming PC (5800X/3080/32GB)
            Lenovo Legion 5 laptop, RTX 3070, 16GB               | Lenovo Legion 5 laptop, RTX 3070, 16GB
            RTX 3070 -, , 750W PSU                               | RTX 3070;750W PSU
            """)
    void haveSplitsIntoItemsAtSeparatorsAndAtSlashesOnlyBetweenCards(String have, String items) {
        assertThat(MAPPER.items(have)).containsExactlyElementsOf(List.of(items.split(";")));
    }

    private static RedditListing.Thing post(String flair, String title, String body) {
        ObjectNode data = Json.mapper().createObjectNode()
                .put("selftext", body)
                .put("title", title)
                .put("link_flair_text", flair)
                .put("name", "t3_abc123")
                .put("id", "abc123")
                .put("author", "seller_1")
                .put("created_utc", new BigDecimal("1700000000.5"))
                .put("permalink", "/r/hardwareswap/comments/abc123/post/");
        return new RedditListing.Thing("t3", data);
    }
}
