package dev.rigwatch.simulator;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.sun.net.httpserver.HttpExchange;
import dev.rigwatch.simulator.SimulatedListing.Venue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
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

    /** The opening of eBay's application tokens; the rest is the simulator's. */
    private static final String TOKEN_PREFIX = "v^1.1#i^1#p^1#r^0#I^3#f^0#t^";

    @JsonPropertyOrder({"access_token", "expires_in", "token_type"})
    record TokenJson(@JsonProperty("access_token") String accessToken, @JsonProperty("expires_in") long expiresIn,
                     @JsonProperty("token_type") String tokenType) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"href", "total", "next", "prev", "limit", "offset", "itemSummaries"})
    record SearchJson(String href, int total, String next, String prev, int limit, int offset,
                      List<EbayItems.ItemSummaryJson> itemSummaries) {
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
        EbaySearch.Search search;
        try {
            search = EbaySearch.parse(Query.parse(rawQuery));
        } catch (EbaySearch.BadRequest e) {
            return errors(400, e.errorId, "API_BROWSE", "REQUEST", e.getMessage(), e.getMessage());
        } catch (IllegalArgumentException e) {
            return error(400, "Malformed query string");
        }
        Instant now = market.clock().now();
        List<SimulatedListing> hits = search.inCategory()
                ? market.openListings(now).stream()
                        .filter(l -> l.venue() == Venue.EBAY && EbaySearch.containsWords(l.title(), search.words()))
                        .filter(search.filter())
                        .sorted(search.order().apply(now))
                        .toList()
                : List.of();
        int from = Math.min(search.offset(), hits.size());
        int to = Math.min(search.offset() + search.limit(), hits.size());
        String host = host(http);
        String base = "http://" + host + SEARCH_PATH;
        String next = to < hits.size() ? base + "?" + EbaySearch.paged(rawQuery, search.limit(), search.offset() + search.limit())
                : null;
        String prev = search.offset() > 0
                ? base + "?" + EbaySearch.paged(rawQuery, search.limit(), Math.max(0, search.offset() - search.limit()))
                : null;
        List<EbayItems.ItemSummaryJson> items = new ArrayList<>();
        for (SimulatedListing listing : hits.subList(from, to)) {
            items.add(EbayItems.of(listing, now, host, market.seed()));
        }
        return Reply.json(200, new SearchJson(rawQuery == null ? base : base + "?" + rawQuery, hits.size(), next, prev,
                search.limit(), search.offset(), items.isEmpty() ? null : items));
    }

    /** The host and port the client called, for links it can follow. */
    private static String host(HttpExchange http) {
        String host = http.getRequestHeaders().getFirst("Host");
        return host != null ? host : "127.0.0.1:" + http.getLocalAddress().getPort();
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
