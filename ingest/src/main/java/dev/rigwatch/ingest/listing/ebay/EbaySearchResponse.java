package dev.rigwatch.ingest.listing.ebay;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One page of {@code GET /buy/browse/v1/item_summary/search}, the fields rigwatch uses. Left out: {@code href},
 * {@code limit}, {@code offset}, {@code warnings}, {@code refinement}.
 *
 * @param total         how many items the search matches in all; eBay always sends it, so a body without it is
 *                      not a search response
 * @param next          the next page's URL, absent on the last page
 * @param itemSummaries the page's items, absent when the search matches nothing; kept as JSON trees so that each
 *                      is read on its own: one item that does not read is skipped, not the page, and its JSON is
 *                      kept for the reject
 */
record EbaySearchResponse(Long total, String next, List<JsonNode> itemSummaries) {
}
