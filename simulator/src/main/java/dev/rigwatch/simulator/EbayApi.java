package dev.rigwatch.simulator;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.sun.net.httpserver.HttpExchange;
import dev.rigwatch.simulator.SimulatedListing.Kind;
import dev.rigwatch.simulator.SimulatedListing.Venue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * eBay's OAuth client-credentials grant, {@code POST /identity/v1/oauth2/token}, and the Browse API's
 * {@code GET /buy/browse/v1/item_summary/search}, over the eBay listings of a {@link ListingMarket} that are open
 * at simulated now.
 *
 * <p>The token endpoint wants HTTP Basic with the configured {@link EbayAuth} client id and secret (else 401
 * {@code invalid_client}) and the form {@code grant_type=client_credentials}, optionally with
 * {@code scope=https://api.ebay.com/oauth/api_scope}; its errors are OAuth's {@code {"error", "error_description"}}.
 * Tokens live {@link EbayAuth#tokenLifetime()} of real time, or until {@link #expireTokens()}.
 *
 * <p>The search wants {@code Authorization: Bearer <token>}: without one it answers 401 with error 1002, with an
 * unknown or expired one 401 with error 1001 ({@code Invalid access token}), eBay's errors shape
 * {@code {"errors":[{"errorId", "domain", "category", "message", "longMessage"}]}}. Parameters: {@code q} (every word
 * must be a word of the title, case-insensitive; no OR groups), {@code category_ids} (every listing is in 27386,
 * Graphics/Video Cards), {@code filter} ({@code conditionIds:{3000|7000}}, {@code buyingOptions:{FIXED_PRICE|AUCTION}},
 * {@code itemLocationCountry:US}, {@code priceCurrency:USD}; any other is a 400), {@code sort} ({@code newlyListed},
 * {@code price}, {@code -price}; absent is newest first too, as best match is not simulated), {@code limit} (1-200,
 * 50 by default) and {@code offset} (0-9999). The answer has {@code href}, {@code total}, {@code next} and
 * {@code prev} (only when there is such a page), {@code limit}, {@code offset} and, unless the page is empty,
 * {@code itemSummaries}, with the links on the simulator's own host so a client can follow them. The ids of request
 * errors (12xxx) are the simulator's; clients should act on the status.
 */
final class EbayApi extends SimulatedApi {

    private static final Logger log = LoggerFactory.getLogger(EbayApi.class);

    static final String TOKEN_PATH = "/identity/v1/oauth2/token";
    static final String SEARCH_PATH = "/buy/browse/v1/item_summary/search";
    static final String TOKEN_FAULTS = "ebay token";
    static final String SEARCH_FAULTS = "ebay search";
    static final String API_SCOPE = "https://api.ebay.com/oauth/api_scope";
    static final String CATEGORY_ID = "27386";
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;
    static final int MAX_OFFSET = 9_999;
    static final String TOKEN_TYPE = "Application Access Token";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Pattern NOT_A_WORD = Pattern.compile("[^a-z0-9]+");
    /** A filter entry: {@code name:{a|b}}, {@code name:[low..high]} or {@code name:value}. */
    private static final String FILTER_ENTRY = "(\\w+):(\\{[^{}]*}|\\[[^\\[\\]]*]|[^,{}\\[\\]]*)";
    private static final Pattern FILTER = Pattern.compile(FILTER_ENTRY + "(," + FILTER_ENTRY + ")*");
    private static final Pattern FILTER_ENTRIES = Pattern.compile(FILTER_ENTRY);
    /** The opening of eBay's application tokens; the rest is the simulator's. */
    private static final String TOKEN_PREFIX = "v^1.1#i^1#p^1#r^0#I^3#f^0#t^";
    private static final List<ItemSummaryJson.Category> CATEGORIES = List.of(
            new ItemSummaryJson.Category(CATEGORY_ID, "Graphics/Video Cards"),
            new ItemSummaryJson.Category("58058", "Computers/Tablets & Networking"));

    @JsonPropertyOrder({"access_token", "expires_in", "token_type"})
    record TokenJson(@JsonProperty("access_token") String accessToken, @JsonProperty("expires_in") long expiresIn,
                     @JsonProperty("token_type") String tokenType) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"href", "total", "next", "prev", "limit", "offset", "itemSummaries"})
    record SearchJson(String href, int total, String next, String prev, int limit, int offset,
                      List<ItemSummaryJson> itemSummaries) {
    }

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

    /** A search request's parameters, checked. */
    private record Search(List<String> words, boolean inCategory, Predicate<SimulatedListing> filter,
                          Function<Instant, Comparator<SimulatedListing>> order, int limit, int offset) {
    }

    /** A parameter eBay rejects, with the error it answers. */
    private static final class BadRequest extends RuntimeException {
        final int errorId;

        BadRequest(int errorId, String message) {
            super(message, null, false, false);
            this.errorId = errorId;
        }
    }

    private final ListingMarket market;
    private final EbayAuth auth;
    private final Clock real;
    /** Valid tokens and when (real time) each expires. */
    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
    private final AtomicLong issued = new AtomicLong();

    EbayApi(ListingMarket market, EbayAuth auth, FaultPlan faults, ScheduledExecutorService delayer) {
        super(faults, delayer);
        this.market = market;
        this.auth = auth;
        this.real = market.clock().real();
    }

    @Override
    List<String> contexts() {
        return List.of("/identity/v1/oauth2/", "/buy/browse/v1/");
    }

    @Override
    Optional<Operation> operation(String path) {
        return switch (path) {
            case TOKEN_PATH -> Optional.of(new Operation("POST", TOKEN_FAULTS, this::token));
            case SEARCH_PATH -> Optional.of(new Operation("GET", SEARCH_FAULTS, this::search));
            default -> Optional.empty();
        };
    }

    /** Makes every token issued so far invalid at once, as if each had reached its expiry. */
    void expireTokens() {
        int count = tokens.size();
        tokens.clear();
        log.info("Simulated eBay expired {} access tokens", count);
    }

    private Reply token(HttpExchange http) {
        if (!presentsOurClient(http.getRequestHeaders().getFirst("Authorization"))) {
            return oauthError(401, "invalid_client", "client authentication failed");
        }
        Query form;
        try {
            form = Query.parse(new String(http.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the token request's body", e);
        } catch (IllegalArgumentException e) {
            return oauthError(400, "invalid_request", "request is missing a required parameter or malformed.");
        }
        Optional<String> grant = form.get("grant_type");
        if (grant.isEmpty()) {
            return oauthError(400, "invalid_request", "request is missing a required parameter or malformed.");
        }
        if (!grant.get().equals("client_credentials")) {
            return oauthError(400, "unsupported_grant_type",
                    "grant type in request is not supported by the authorization server");
        }
        Optional<String> scope = form.get("scope");
        if (scope.isPresent() && !Arrays.stream(scope.get().split(" ")).allMatch(API_SCOPE::equals)) {
            return oauthError(400, "invalid_scope", "the requested scope is invalid, unknown, malformed, or exceeds "
                    + "the scope granted to the client");
        }
        Instant now = real.instant();
        tokens.values().removeIf(expiry -> !now.isBefore(expiry));
        String token = newToken();
        tokens.put(token, now.plus(auth.tokenLifetime()));
        return Reply.json(200, new TokenJson(token, auth.tokenLifetime().toSeconds(), TOKEN_TYPE));
    }

    private boolean presentsOurClient(String authorization) {
        if (authorization == null || !authorization.startsWith("Basic ")) {
            return false;
        }
        try {
            String pair = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
                    StandardCharsets.UTF_8);
            return pair.equals(auth.clientId() + ":" + auth.clientSecret());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Unique in this server's life by its counter; the seeded bits after it make it look like a token. */
    private String newToken() {
        long n = issued.incrementAndGet();
        ByteBuffer bytes = ByteBuffer.allocate(24).putLong(n)
                .putLong(Noise.bits(market.seed(), TOKEN_FAULTS, n, Noise.Use.LISTINGS))
                .putLong(Noise.bits(market.seed() + 1, TOKEN_FAULTS, n, Noise.Use.LISTINGS));
        return TOKEN_PREFIX + Base64.getEncoder().encodeToString(bytes.array());
    }

    private Reply search(HttpExchange http) {
        String authorization = http.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return errors(401, 1002, "OAuth", "REQUEST", "Missing access token",
                    "Access token is missing in the Authorization HTTP request header.");
        }
        Instant expiry = tokens.get(authorization.substring(7).strip());
        if (expiry == null || !real.instant().isBefore(expiry)) {
            return errors(401, 1001, "OAuth", "REQUEST", "Invalid access token",
                    "Invalid access token. Check the value of the Authorization HTTP request header.");
        }
        String rawQuery = http.getRequestURI().getRawQuery();
        Search search;
        try {
            search = parse(Query.parse(rawQuery));
        } catch (BadRequest e) {
            return errors(400, e.errorId, "API_BROWSE", "REQUEST", e.getMessage(), e.getMessage());
        } catch (IllegalArgumentException e) {
            return error(400, "Malformed query string");
        }
        Instant now = market.clock().now();
        List<SimulatedListing> hits = search.inCategory()
                ? market.openListings(now).stream()
                        .filter(l -> l.venue() == Venue.EBAY && containsWords(l.title(), search.words()))
                        .filter(search.filter())
                        .sorted(search.order().apply(now))
                        .toList()
                : List.of();
        int from = Math.min(search.offset(), hits.size());
        int to = Math.min(search.offset() + search.limit(), hits.size());
        String host = host(http);
        String base = "http://" + host + SEARCH_PATH;
        String next = to < hits.size() ? base + "?" + paged(rawQuery, search.limit(), search.offset() + search.limit())
                : null;
        String prev = search.offset() > 0
                ? base + "?" + paged(rawQuery, search.limit(), Math.max(0, search.offset() - search.limit()))
                : null;
        List<ItemSummaryJson> items = new ArrayList<>();
        for (SimulatedListing listing : hits.subList(from, to)) {
            items.add(item(listing, now, host));
        }
        return Reply.json(200, new SearchJson(rawQuery == null ? base : base + "?" + rawQuery, hits.size(), next, prev,
                search.limit(), search.offset(), items.isEmpty() ? null : items));
    }

    private static Search parse(Query query) {
        Optional<String> q = query.get("q");
        Optional<String> categories = query.get("category_ids");
        if (q.isEmpty() && categories.isEmpty()) {
            throw new BadRequest(12001, "The call must have a valid 'q', 'category_ids', 'epid', 'gtin', or "
                    + "'charity_ids' query parameter.");
        }
        boolean inCategory = true;
        if (categories.isPresent()) {
            List<String> ids = List.of(categories.get().split(","));
            if (!ids.stream().allMatch(id -> id.strip().matches("\\d+"))) {
                throw new BadRequest(12002, "The 'category_ids' value " + categories.get() + " is invalid.");
            }
            inCategory = ids.stream().anyMatch(id -> id.strip().equals(CATEGORY_ID));
        }
        int limit = number(query.get("limit"), DEFAULT_LIMIT, 1, MAX_LIMIT,
                new BadRequest(12006, "The 'limit' value should be between 1 and " + MAX_LIMIT + " (inclusive)."));
        int offset = number(query.get("offset"), 0, 0, MAX_OFFSET,
                new BadRequest(12007, "The 'offset' value should be between 0 and " + MAX_OFFSET + " (inclusive)."));
        return new Search(words(q.orElse("")), inCategory, filter(query.get("filter")), order(query.get("sort")), limit,
                offset);
    }

    private static int number(Optional<String> value, int absent, int min, int max, BadRequest invalid) {
        if (value.isEmpty()) {
            return absent;
        }
        try {
            int n = Integer.parseInt(value.get());
            if (n < min || n > max) {
                throw invalid;
            }
            return n;
        } catch (NumberFormatException e) {
            throw invalid;
        }
    }

    /** {@code conditionIds:{3000|7000},buyingOptions:{AUCTION}}: every entry must hold. */
    private static Predicate<SimulatedListing> filter(Optional<String> spec) {
        Predicate<SimulatedListing> all = listing -> true;
        if (spec.isEmpty()) {
            return all;
        }
        if (!FILTER.matcher(spec.get()).matches()) {
            throw new BadRequest(12003, "The 'filter' value " + spec.get() + " is invalid.");
        }
        Matcher entries = FILTER_ENTRIES.matcher(spec.get());
        while (entries.find()) {
            String name = entries.group(1);
            Set<String> values = Set.of(entries.group(2).replaceAll("[{}]", "").split("\\|"));
            all = all.and(switch (name) {
                case "conditionIds" -> listing -> values.contains(conditionId(listing));
                case "buyingOptions" -> listing -> buyingOptions(listing).stream().anyMatch(values::contains);
                case "itemLocationCountry" -> listing -> values.contains(listing.country());
                case "priceCurrency" -> listing -> values.contains(listing.currency());
                default -> throw new BadRequest(12003, "The 'filter' value " + spec.get() + " is invalid: the "
                        + "simulator supports conditionIds, buyingOptions, itemLocationCountry and priceCurrency, "
                        + "not " + name + ".");
            });
        }
        return all;
    }

    /** The order of a sort value, as a function of the time whose prices it compares. */
    private static Function<Instant, Comparator<SimulatedListing>> order(Optional<String> sort) {
        Comparator<SimulatedListing> newest = Comparator.comparingLong(SimulatedListing::serial).reversed();
        return switch (sort.orElse("newlyListed")) {
            case "newlyListed" -> now -> newest;
            case "price" -> now -> Comparator.comparing((SimulatedListing l) -> l.priceAt(now)).thenComparing(newest);
            case "-price" -> now -> Comparator.comparing((SimulatedListing l) -> l.priceAt(now)).reversed()
                    .thenComparing(newest);
            default -> throw new BadRequest(12004, "The 'sort' value " + sort.get() + " is invalid: the simulator "
                    + "supports newlyListed, price and -price.");
        };
    }

    /** The query's words; a title matches when it has every one of them as a word. */
    static List<String> words(String text) {
        return Arrays.stream(NOT_A_WORD.split(text.toLowerCase(Locale.ROOT))).filter(w -> !w.isEmpty()).toList();
    }

    private static boolean containsWords(String title, List<String> words) {
        return new HashSet<>(words(title)).containsAll(words);
    }

    /** The host and port the client called, for links it can follow. */
    private static String host(HttpExchange http) {
        String host = http.getRequestHeaders().getFirst("Host");
        return host != null ? host : "127.0.0.1:" + http.getLocalAddress().getPort();
    }

    /** {@code rawQuery} with its {@code limit} and {@code offset} replaced. */
    private static String paged(String rawQuery, int limit, int offset) {
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

    private ItemSummaryJson item(SimulatedListing listing, Instant now, String host) {
        String currency = listing.currency();
        String legacyId = listing.legacyItemId();
        Random cosmetic = new Random(Noise.bits(market.seed(), "ebay item", listing.serial(), Noise.Use.LISTINGS));
        // a seller's feedback is the same on all their items
        Random sellerDraws = new Random(Noise.bits(market.seed(), "ebay seller " + listing.seller(), 0,
                Noise.Use.LISTINGS));
        int feedbackScore = 20 + sellerDraws.nextInt(9_000);
        BigDecimal feedbackPercentage = BigDecimal.valueOf(970 + sellerDraws.nextInt(31), 1);
        BigDecimal price = listing.priceAt(now);
        boolean auction = listing.auction() != null;
        return new ItemSummaryJson(
                listing.id(),
                listing.title(),
                List.of(CATEGORY_ID),
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

    private static Reply oauthError(int status, String error, String description) {
        return Reply.json(status, new OAuthErrorJson(error, description));
    }

    private static Reply errors(int status, int errorId, String domain, String category, String message,
                                String longMessage) {
        return Reply.json(status, Map.of("errors", List.of(new ErrorJson(errorId, domain, category, message,
                longMessage))));
    }

    @JsonPropertyOrder({"error", "error_description"})
    record OAuthErrorJson(String error, @JsonProperty("error_description") String errorDescription) {
    }

    @JsonPropertyOrder({"errorId", "domain", "category", "message", "longMessage"})
    record ErrorJson(int errorId, String domain, String category, String message, String longMessage) {
    }

    @Override
    Reply notFound() {
        return errors(404, 2002, "ACCESS", "REQUEST", "Resource not found",
                "The requested resource does not exist on this server.");
    }

    @Override
    Reply error(int status, String message) {
        return errors(status, status >= 500 ? 12000 : 12500, "API_BROWSE", status >= 500 ? "APPLICATION" : "REQUEST",
                message, message);
    }

    @Override
    Reply rateLimited() {
        return errors(429, 2001, "ACCESS", "REQUEST", "Too many requests. The request limit has been reached for the "
                + "resource.", "Too many requests. The request limit has been reached for the resource.")
                .withHeader("Retry-After", "1");
    }
}
