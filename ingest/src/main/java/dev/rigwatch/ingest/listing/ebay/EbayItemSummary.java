package dev.rigwatch.ingest.listing.ebay;

import java.time.Instant;
import java.util.List;

/**
 * One element of a search page's {@code itemSummaries}, the fields rigwatch uses. Left out among others:
 * {@code conditionId} (the search asks for 3000, Used, only), {@code categories}, {@code image}, {@code itemHref},
 * {@code itemEndDate}, {@code bidCount}, {@code legacyItemId}.
 *
 * @param price           the listing's price
 * @param currentBidPrice an auction's current bid, sent apart from its price
 * @param buyingOptions   {@code FIXED_PRICE}, {@code AUCTION}, {@code BEST_OFFER}, ...
 */
record EbayItemSummary(
        String itemId,
        String title,
        Amount price,
        Amount currentBidPrice,
        String condition,
        List<String> buyingOptions,
        List<ShippingOption> shippingOptions,
        Seller seller,
        Location itemLocation,
        String itemWebUrl,
        Instant itemCreationDate) {

    /** eBay's money: the value is a decimal string, kept exact. */
    record Amount(String value, String currency) {
    }

    /** One way to ship the item; {@code shippingCostType} ({@code FIXED}, {@code CALCULATED}) is left out. */
    record ShippingOption(Amount shippingCost) {
    }

    /** Left out: {@code feedbackPercentage}, {@code feedbackScore}. */
    record Seller(String username) {
    }

    /** eBay masks the postal code's end for privacy: {@code 945**}. */
    record Location(String postalCode, String country) {
    }
}
