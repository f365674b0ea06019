package dev.rigwatch.ingest.listing.ebay;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * How rigwatch searches eBay's Browse API for used GPUs.
 *
 * @param baseUrl       the API's base URL ({@value #DEFAULT_BASE_URL}; the simulator's in the demo)
 * @param clientId      the eBay application's client id (its "App ID")
 * @param clientSecret  the application's client secret ("Cert ID"); never printed
 * @param queries       search terms, one per GPU model, e.g. {@code rtx 3090}
 * @param pageSize      items per search request, at most {@value #MAX_PAGE_SIZE}
 * @param maxPages      search requests per query and poll; the newest {@code pageSize × maxPages} listings of a
 *                      query are read, and older ones lie outside the poll's coverage
 * @param marketplaceId the eBay site searched, e.g. {@code EBAY_US}, {@code EBAY_GB}
 */
public record EbaySettings(HttpUrl baseUrl, String clientId, String clientSecret, List<String> queries, int pageSize,
                           int maxPages, String marketplaceId) {

    public static final String DEFAULT_BASE_URL = "https://api.ebay.com";
    /** The Browse API's largest {@code limit}. */
    public static final int MAX_PAGE_SIZE = 200;
    public static final int DEFAULT_PAGE_SIZE = MAX_PAGE_SIZE;
    /** 1,000 listings per query and poll, for five of the 5,000 Browse calls eBay allows a day by default. */
    public static final int DEFAULT_MAX_PAGES = 5;
    public static final String DEFAULT_MARKETPLACE_ID = "EBAY_US";
    /** The Browse API serves no item beyond the 10,000th of a result set ({@code offset + limit} at most this). */
    public static final int MAX_RESULTS = 10_000;

    private static final Pattern MARKETPLACE_ID = Pattern.compile("EBAY_[A-Z]+(_[A-Z]+)*");

    public EbaySettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        if (!hasCredentials(clientId, clientSecret)) {
            throw new IllegalArgumentException("ebay needs a client id and a client secret");
        }
        Objects.requireNonNull(queries, "queries");
        queries = List.copyOf(queries);
        if (queries.isEmpty()) {
            throw new IllegalArgumentException("ebay needs at least one query");
        }
        for (String query : queries) {
            if (query.isBlank() || !query.equals(query.strip())) {
                throw new IllegalArgumentException("ebay query must be search terms without surrounding spaces, was '"
                        + query + "'");
            }
        }
        if (new HashSet<>(queries).size() != queries.size()) {
            throw new IllegalArgumentException("ebay queries are listed more than once: " + queries);
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("ebay page size must be 1 to " + MAX_PAGE_SIZE + ", was " + pageSize);
        }
        if (maxPages < 1) {
            throw new IllegalArgumentException("ebay max pages must be at least 1, was " + maxPages);
        }
        if ((long) pageSize * maxPages > MAX_RESULTS) {
            throw new IllegalArgumentException("ebay serves at most " + MAX_RESULTS + " items of a search, but "
                    + maxPages + " pages of " + pageSize + " ask for " + (long) pageSize * maxPages);
        }
        Objects.requireNonNull(marketplaceId, "marketplaceId");
        if (!MARKETPLACE_ID.matcher(marketplaceId).matches()) {
            throw new IllegalArgumentException("ebay marketplace id must look like EBAY_US, was '" + marketplaceId
                    + "'");
        }
    }

    /** The public API with the default paging on the US site. */
    public static EbaySettings defaults(String clientId, String clientSecret, List<String> queries) {
        return new EbaySettings(HttpUrl.get(DEFAULT_BASE_URL), clientId, clientSecret, queries, DEFAULT_PAGE_SIZE,
                DEFAULT_MAX_PAGES, DEFAULT_MARKETPLACE_ID);
    }

    /** Whether both credentials are given: without them eBay cannot be polled at all. */
    public static boolean hasCredentials(String clientId, String clientSecret) {
        return clientId != null && !clientId.isBlank() && clientSecret != null && !clientSecret.isBlank();
    }

    /** Everything but the secret, which would otherwise reach logs. */
    @Override
    public String toString() {
        return "EbaySettings[baseUrl=" + baseUrl + ", clientId=" + clientId + ", clientSecret=(hidden), queries="
                + queries + ", pageSize=" + pageSize + ", maxPages=" + maxPages + ", marketplaceId=" + marketplaceId
                + "]";
    }
}
