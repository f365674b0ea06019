package dev.rigwatch.ingest.listing.ebay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rigwatch.events.Json;
import dev.rigwatch.ingest.FetchResult;
import dev.rigwatch.ingest.http.SourceHttpClient;
import dev.rigwatch.ingest.http.SourceHttpClient.RequestFailed;
import dev.rigwatch.ingest.exchange.Fields;
import dev.rigwatch.ingest.http.InvalidResponse;
import dev.rigwatch.ingest.listing.ListingSource;
import dev.rigwatch.ingest.listing.SkippedItem;
import dev.rigwatch.ingest.listing.SourceListing;
import dev.rigwatch.ingest.listing.SourcePoll;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * Used graphics cards on eBay, through the Browse API's item search
 * ({@code GET /buy/browse/v1/item_summary/search}) with an application token ({@link EbayToken}). Each query is
 * searched in category 27386 (Graphics/Video Cards), condition {@code 3000} (Used), fixed
 * price and auctions, newest listings first, page by page with {@code offset} while eBay says there is a
 * {@code next} page, up to {@link EbaySettings#maxPages()}.
 *
 * <p>What a poll covered: everything, when it read down to the last page; when it stopped at the page cap, the
 * listings created since the oldest creation date it read, since the pages are newest first.
 */
public final class EbaySource implements ListingSource {

    public static final String ID = "ebay";
    /** eBay's category id of Graphics/Video Cards. */
    private static final String GRAPHICS_CARDS = "27386";
    /** Used cards (condition id 3000), sold at a fixed price or by auction (Best Offer is a fixed price's option). */
    private static final String FILTER = "conditionIds:{3000},buyingOptions:{FIXED_PRICE|AUCTION}";
    private static final String MALFORMED_ITEM = "malformed-item";
    private static final TypeReference<EbaySearchResponse> PAGE = new TypeReference<>() { };

    private final SourceHttpClient http;
    private final EbaySettings settings;
    private final Clock clock;
    private final EbayToken token;
    private final HttpUrl search;

    public EbaySource(SourceHttpClient http, EbaySettings settings, Clock clock) {
        this.http = http;
        this.settings = settings;
        this.clock = clock;
        this.token = new EbayToken(http, settings, clock);
        this.search = settings.baseUrl().newBuilder().addPathSegments("buy/browse/v1/item_summary/search").build();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<String> queries() {
        return settings.queries();
    }

    @Override
    public SourcePoll poll(String query) {
        return new Poll(query).run();
    }

    /** The state of one poll of one query. */
    private final class Poll {

        private final String query;
        private final Instant startedAt = clock.instant();
        private final List<SourceListing> listings = new ArrayList<>();
        private final List<SkippedItem> skipped = new ArrayList<>();
        /** Listings seen on an earlier page: a listing created while paging pushes the others one place down. */
        private final Set<String> seen = new HashSet<>();
        private int pages;
        /** Whether this poll replaced a refused token: a second refusal is not the token's age, and ends the poll. */
        private boolean tokenReplaced;

        Poll(String query) {
            this.query = query;
        }

        SourcePoll run() {
            while (true) {
                int page = pages + 1;
                boolean hasNext;
                try {
                    hasNext = fetch(pageUrl(pages * settings.pageSize()));
                } catch (EbayToken.Unavailable e) {
                    return failed(e.failure(),
                            "token request failed on page " + page + ": " + e.failure().reason().code());
                } catch (RequestFailed e) {
                    String after = tokenReplaced && isUnauthorized(e.failure()) ? " after a new token" : "";
                    return failed(e.failure(), e.failure().reason().code() + " on page " + page + after);
                }
                pages = page;
                if (!hasNext) {
                    return finished(true, null, null);
                }
                if (pages == settings.maxPages()) {
                    return capped();
                }
            }
        }

        private HttpUrl pageUrl(int offset) {
            return search.newBuilder()
                    .addQueryParameter("q", query)
                    .addQueryParameter("category_ids", GRAPHICS_CARDS)
                    .addQueryParameter("filter", FILTER)
                    .addQueryParameter("sort", "newlyListed")
                    .addQueryParameter("limit", Integer.toString(settings.pageSize()))
                    .addQueryParameter("offset", Integer.toString(offset))
                    .build();
        }

        /**
         * Reads one page into the poll; whether eBay has a next one. A 401 is the token's: once per poll, the
         * token is replaced and the page asked again.
         */
        private boolean fetch(HttpUrl url) throws EbayToken.Unavailable, RequestFailed {
            String bearer = token.get();
            try {
                return http.call(request(url, bearer), (body, received) -> read(url, body, received),
                        EbayErrorBody::search);
            } catch (RequestFailed e) {
                if (tokenReplaced || !isUnauthorized(e.failure())) {
                    throw e;
                }
                tokenReplaced = true;
                String replacement = token.replace(bearer);
                return http.call(request(url, replacement), (body, received) -> read(url, body, received),
                        EbayErrorBody::search);
            }
        }

        private Request request(HttpUrl url, String bearer) {
            return new Request.Builder().url(url)
                    .header("Authorization", "Bearer " + bearer)
                    .header("X-EBAY-C-MARKETPLACE-ID", settings.marketplaceId())
                    .build();
        }

        /**
         * The one place a search page becomes listings: a body that is not a search page fails the page; an item
         * that does not map is skipped and the page still counts.
         */
        private boolean read(HttpUrl url, String body, Instant received) throws InvalidResponse {
            EbaySearchResponse page = SourceHttpClient.json(body, PAGE, "an eBay search page");
            Fields.required("total", page.total());
            if (page.itemSummaries() != null) {
                for (JsonNode item : page.itemSummaries()) {
                    offer(url, item, received);
                }
            }
            return page.next() != null;
        }

        private void offer(HttpUrl url, JsonNode item, Instant received) {
            String raw = item.toString();
            String itemId = item.path("itemId").isTextual() ? item.get("itemId").asText() : null;
            try {
                SourceListing listing = listing(item, raw, received);
                if (seen.add(listing.listingId())) {
                    listings.add(listing);
                }
            } catch (MalformedItem e) {
                String webUrl = item.path("itemWebUrl").isTextual() ? item.get("itemWebUrl").asText() : url.toString();
                skipped.add(new SkippedItem(itemId, MALFORMED_ITEM, e.getMessage(), webUrl, raw, received));
            }
        }

        /**
         * The pages are newest first, so everything listed since the oldest listing read was on them. Skipped items
         * do not extend the range: their creation date is not trusted.
         */
        private SourcePoll capped() {
            Instant oldest = listings.stream().map(SourceListing::listedAt).filter(Objects::nonNull)
                    .min(Instant::compareTo).orElse(null);
            if (oldest == null) {
                // nothing tells how far down the newest-first pages reached: the poll proves no listing gone
                return finished(false, null, "page cap " + pages + " reached without a listing creation date");
            }
            return finished(true, oldest, null);
        }

        private SourcePoll failed(FetchResult.Failure failure, String reason) {
            return new SourcePoll(query, startedAt, clock.instant(), pages, listings, skipped, failure, false, null,
                    reason);
        }

        private SourcePoll finished(boolean complete, Instant coveredFrom, String incompleteReason) {
            return new SourcePoll(query, startedAt, clock.instant(), pages, listings, skipped, null, complete,
                    coveredFrom, incompleteReason);
        }
    }

    /** The one place an eBay item becomes a {@link SourceListing}. */
    private static SourceListing listing(JsonNode item, String raw, Instant observedAt) throws MalformedItem {
        EbayItemSummary summary;
        try {
            summary = Json.mapper().treeToValue(item, EbayItemSummary.class);
        } catch (JsonProcessingException e) {
            throw new MalformedItem("not an eBay item summary: " + e.getOriginalMessage());
        }
        if (summary == null) {
            throw new MalformedItem("the item is JSON null");
        }
        String itemId = present("itemId", summary.itemId());
        String title = present("title", summary.title());
        boolean auction = summary.buyingOptions() != null && summary.buyingOptions().contains("AUCTION");
        // what an auction sells at now is its current bid, which eBay sends apart from the price
        boolean bid = summary.currentBidPrice() != null;
        EbayItemSummary.Amount price = bid ? summary.currentBidPrice() : summary.price();
        String priceField = bid ? "currentBidPrice" : "price";
        if (price == null) {
            throw new MalformedItem("field price is missing");
        }
        String currency = present(priceField + ".currency", price.currency());
        return new SourceListing(
                itemId,
                title,
                summary.condition(),
                auction,
                decimal(priceField + ".value", price.value()),
                currency,
                shipping(summary, currency),
                summary.seller() == null ? null : summary.seller().username(),
                location(summary.itemLocation()),
                summary.itemWebUrl(),
                summary.itemCreationDate(),
                observedAt,
                raw);
    }

    /** The first shipping option's cost, or null when the item has none. */
    private static BigDecimal shipping(EbayItemSummary summary, String currency) throws MalformedItem {
        List<EbayItemSummary.ShippingOption> options = summary.shippingOptions();
        EbayItemSummary.Amount cost = options == null || options.isEmpty() || options.get(0) == null ? null
                : options.get(0).shippingCost();
        if (cost == null) {
            return null;
        }
        if (cost.currency() != null && !cost.currency().equals(currency)) {
            // a listing's costs are stated in one currency: the shipping could not be stated in the price's
            throw new MalformedItem("shipping cost is in " + cost.currency() + ", the price in " + currency);
        }
        return decimal("shippingOptions[0].shippingCost.value", cost.value());
    }

    /** Postal code and country, whichever eBay gives; null when neither. */
    private static String location(EbayItemSummary.Location location) {
        if (location == null) {
            return null;
        }
        String joined = String.join(" ", orEmpty(location.postalCode()), orEmpty(location.country())).strip();
        return joined.isEmpty() ? null : joined;
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text.strip();
    }

    private static String present(String field, String value) throws MalformedItem {
        if (value == null || value.isBlank()) {
            throw new MalformedItem("field " + field + " is missing");
        }
        return value;
    }

    private static BigDecimal decimal(String field, String text) throws MalformedItem {
        try {
            return new BigDecimal(present(field, text));
        } catch (NumberFormatException e) {
            throw new MalformedItem(field + " '" + text + "' is not a number");
        }
    }

    private static boolean isUnauthorized(FetchResult.Failure failure) {
        return failure.httpStatus() != null && failure.httpStatus() == 401;
    }

    /** An item that cannot be offered as a listing; the rest of its page still counts. */
    private static final class MalformedItem extends Exception {
        MalformedItem(String detail) {
            // a value, not a bug: no stack trace
            super(detail, null, false, false);
        }
    }

    @Override
    public String toString() {
        return "eBay at " + settings.baseUrl() + " (" + settings.marketplaceId() + ")";
    }
}
