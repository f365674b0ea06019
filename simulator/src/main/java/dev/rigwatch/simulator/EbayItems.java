package dev.rigwatch.simulator;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.rigwatch.simulator.SimulatedListing.Kind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;

/**
 * eBay's item summaries as its search sends them: the field order, the cosmetic fields drawn from the seed (a
 * seller's feedback is the same on all their items), and the auction fields only for auctions.
 */
final class EbayItems {

    private EbayItems() {
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private static final List<ItemSummaryJson.Category> CATEGORIES = List.of(
            new ItemSummaryJson.Category(EbaySearch.CATEGORY_ID, "Graphics/Video Cards"),
            new ItemSummaryJson.Category("58058", "Computers/Tablets & Networking"));

    /** An item as the search shows it, in the field order eBay sends; the auction fields only for auctions. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"itemId", "title", "leafCategoryIds", "categories", "image", "price", "itemHref", "seller",
            "condition", "conditionId", "shippingOptions", "buyingOptions", "currentBidPrice", "bidCount",
            "itemEndDate", "itemWebUrl", "itemLocation", "adultOnly", "legacyItemId", "availableCoupons",
            "itemCreationDate", "topRatedBuyingExperience", "priorityListing", "listingMarketplaceId"})
    record ItemSummaryJson(String itemId, String title, List<String> leafCategoryIds, List<Category> categories,
                           Image image, Amount price, String itemHref, Seller seller, String condition,
                           String conditionId, List<ShippingOption> shippingOptions, List<String> buyingOptions,
                           Amount currentBidPrice, Integer bidCount, String itemEndDate, String itemWebUrl,
                           Location itemLocation, boolean adultOnly, String legacyItemId, boolean availableCoupons,
                           String itemCreationDate, boolean topRatedBuyingExperience, boolean priorityListing,
                           String listingMarketplaceId) {

        record Category(String categoryId, String categoryName) {
        }

        record Image(String imageUrl) {
        }

        @JsonPropertyOrder({"value", "currency"})
        record Amount(String value, String currency) {
        }

        @JsonPropertyOrder({"username", "feedbackPercentage", "feedbackScore"})
        record Seller(String username, String feedbackPercentage, int feedbackScore) {
        }

        @JsonPropertyOrder({"shippingCostType", "shippingCost"})
        record ShippingOption(String shippingCostType, Amount shippingCost) {
        }

        @JsonPropertyOrder({"postalCode", "country"})
        record Location(String postalCode, String country) {
        }
    }

    /** The search's summary of {@code listing} at {@code now}; {@code host} for the links it holds. */
    static ItemSummaryJson of(SimulatedListing listing, Instant now, String host, long seed) {
        String currency = listing.currency();
        String legacyId = listing.legacyItemId();
        Random cosmetic = new Random(Noise.bits(seed, "ebay item", listing.serial(), Noise.Use.LISTINGS));
        // a seller's feedback is the same on all their items
        Random sellerDraws = new Random(Noise.bits(seed, "ebay seller " + listing.seller(), 0,
                Noise.Use.LISTINGS));
        int feedbackScore = 20 + sellerDraws.nextInt(9_000);
        BigDecimal feedbackPercentage = BigDecimal.valueOf(970 + sellerDraws.nextInt(31), 1);
        BigDecimal price = listing.priceAt(now);
        boolean auction = listing.auction() != null;
        return new ItemSummaryJson(
                listing.id(),
                listing.title(),
                List.of(EbaySearch.CATEGORY_ID),
                CATEGORIES,
                new ItemSummaryJson.Image("https://i.ebayimg.com/images/g/"
                        + Long.toUnsignedString(cosmetic.nextLong(), 36) + "/s-l225.jpg"),
                amount(price, currency),
                "http://" + host + "/buy/browse/v1/item/v1%7C" + legacyId + "%7C0",
                new ItemSummaryJson.Seller(listing.seller(), feedbackPercentage.toPlainString(), feedbackScore),
                listing.kind() == Kind.FOR_PARTS ? "For parts or not working" : "Used",
                conditionId(listing),
                List.of(new ItemSummaryJson.ShippingOption("FIXED", amount(listing.shipping(), currency))),
                buyingOptions(listing),
                auction ? amount(price, currency) : null,
                auction ? listing.bidCountAt(now) : null,
                auction ? TIME.format(listing.soldAt()) : null,
                "https://" + webHost(listing.country()) + "/itm/" + legacyId,
                new ItemSummaryJson.Location(listing.region(), listing.country()),
                false,
                legacyId,
                false,
                TIME.format(listing.createdAt()),
                feedbackPercentage.compareTo(new BigDecimal("99.5")) >= 0 && feedbackScore >= 1_000,
                false,
                "EBAY_" + listing.country());
    }

    private static ItemSummaryJson.Amount amount(BigDecimal value, String currency) {
        return new ItemSummaryJson.Amount(value.setScale(2, RoundingMode.UNNECESSARY).toPlainString(), currency);
    }

    /** eBay's condition ids: 3000 used, 7000 for parts or not working. */
    static String conditionId(SimulatedListing listing) {
        return listing.kind() == Kind.FOR_PARTS ? "7000" : "3000";
    }

    /** A third of fixed-price sellers also take offers. */
    static List<String> buyingOptions(SimulatedListing listing) {
        if (listing.auction() != null) {
            return List.of("AUCTION");
        }
        return listing.serial() % 3 == 0 ? List.of("FIXED_PRICE", "BEST_OFFER") : List.of("FIXED_PRICE");
    }

    private static String webHost(String country) {
        return switch (country) {
            case "DE" -> "www.ebay.de";
            case "GB" -> "www.ebay.co.uk";
            default -> "www.ebay.com";
        };
    }
}
