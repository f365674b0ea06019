package dev.rigwatch.simulator;

import com.sun.net.httpserver.HttpExchange;
import dev.rigwatch.simulator.SimulatedListing.Venue;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated eBay, its token endpoint and Browse item search over the market's open eBay listings, so the ingest
 * eBay client meets eBay's wire format, token expiry and refusals without an eBay account.
 */
final class EbayApi extends SimulatedApi {

    private static final Logger log = LoggerFactory.getLogger(EbayApi.class);

    static final String TOKEN_PATH = "/identity/v1/oauth2/token";
    static final String SEARCH_PATH = "/buy/browse/v1/item_summary/search";
    static final String TOKEN_FAULTS = "ebay token";
    static final String SEARCH_FAULTS = "ebay search";

    private final ListingMarket market;
    private final EbayTokens tokens;
    private final EbayTokenGrant grant;

    EbayApi(ListingMarket market, EbayAuth auth, FaultPlan faults, ScheduledExecutorService delayer) {
        super(faults, delayer);
        this.market = market;
        this.tokens = new EbayTokens(auth.tokenLifetime(), market.seed(), market.clock().real());
        this.grant = new EbayTokenGrant(auth, tokens);
    }

    @Override
    List<String> contexts() {
        return List.of("/identity/v1/oauth2/", "/buy/browse/v1/");
    }

    @Override
    Optional<Operation> operation(String path) {
        return switch (path) {
            case TOKEN_PATH -> Optional.of(new Operation("POST", TOKEN_FAULTS, grant::answer));
            case SEARCH_PATH -> Optional.of(new Operation("GET", SEARCH_FAULTS, this::search));
            default -> Optional.empty();
        };
    }

    /** Makes every token issued so far invalid at once, as if each had reached its expiry. */
    void expireTokens() {
        log.info("Simulated eBay expired {} access tokens", tokens.expireAll());
    }

    private Reply search(HttpExchange http) {
        String authorization = http.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return EbayErrors.missingToken();
        }
        if (!tokens.isValid(authorization.substring(7).strip())) {
            return EbayErrors.invalidToken();
        }
        String rawQuery = http.getRequestURI().getRawQuery();
        EbaySearch.Search search;
        try {
            search = EbaySearch.parse(Query.parse(rawQuery));
        } catch (EbaySearch.BadRequest e) {
            return EbayErrors.badRequest(e);
        } catch (IllegalArgumentException e) {
            return error(400, "Malformed query string");
        }
        Instant now = market.clock().now();
        List<SimulatedListing> hits = search.inCategory()
                ? search.find(market.openListings(now).stream().filter(l -> l.venue() == Venue.EBAY), now)
                : List.of();
        return Reply.json(200, EbaySearchPage.of(hits, search, rawQuery, host(http), now, market.seed()));
    }

    /** The host and port the client called, for links it can follow. */
    private static String host(HttpExchange http) {
        String host = http.getRequestHeaders().getFirst("Host");
        return host != null ? host : "127.0.0.1:" + http.getLocalAddress().getPort();
    }

    @Override
    Reply notFound() {
        return EbayErrors.notFound();
    }

    @Override
    Reply error(int status, String message) {
        return EbayErrors.error(status, message);
    }

    @Override
    Reply rateLimited() {
        return EbayErrors.rateLimited();
    }
}
