package dev.rigwatch.simulator;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One page of a search's hits as eBay sends it. The links to the pages either side are on the simulator's own host
 * and keep the client's query, so a client that follows {@code next} pages through the simulator as through eBay.
 */
final class EbaySearchPage {

    private EbaySearchPage() {
    }

    /** {@code next} and {@code prev} only when there is such a page, {@code itemSummaries} only when not empty. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"href", "total", "next", "prev", "limit", "offset", "itemSummaries"})
    record SearchJson(String href, int total, String next, String prev, int limit, int offset,
                      List<EbayItems.ItemSummaryJson> itemSummaries) {
    }

    /** The page {@code search} asks for of {@code hits}, which are all it found; {@code host} for the links. */
    static SearchJson of(List<SimulatedListing> hits, EbaySearch.Search search, String rawQuery, String host,
                         Instant now, long seed) {
        int limit = search.limit();
        int offset = search.offset();
        int from = Math.min(offset, hits.size());
        int to = Math.min(offset + limit, hits.size());
        String base = "http://" + host + EbayApi.SEARCH_PATH;
        String next = to < hits.size() ? base + "?" + paged(rawQuery, limit, offset + limit) : null;
        String prev = offset > 0 ? base + "?" + paged(rawQuery, limit, Math.max(0, offset - limit)) : null;
        List<EbayItems.ItemSummaryJson> items = new ArrayList<>();
        for (SimulatedListing listing : hits.subList(from, to)) {
            items.add(EbayItems.of(listing, now, host, seed));
        }
        return new SearchJson(rawQuery == null ? base : base + "?" + rawQuery, hits.size(), next, prev, limit, offset,
                items.isEmpty() ? null : items);
    }

    /** {@code rawQuery} with its {@code limit} and {@code offset} replaced. */
    static String paged(String rawQuery, int limit, int offset) {
        List<String> kept = new ArrayList<>();
        for (String pair : rawQuery == null ? new String[0] : rawQuery.split("&")) {
            String name = pair.split("=", 2)[0];
            if (!pair.isEmpty() && !name.equals("limit") && !name.equals("offset")) {
                kept.add(pair);
            }
        }
        kept.add("limit=" + limit);
        kept.add("offset=" + offset);
        return String.join("&", kept);
    }
}
