package dev.rigwatch.ingest.listing.ebay;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.rigwatch.ingest.FetchResult;
import dev.rigwatch.ingest.RejectReason;
import dev.rigwatch.ingest.http.SourceHttpClient;
import dev.rigwatch.ingest.http.SourceHttpClient.RequestFailed;
import dev.rigwatch.ingest.exchange.Fields;
import dev.rigwatch.ingest.http.InvalidResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * eBay's application access token, from the OAuth2 client credentials grant
 * ({@code POST /identity/v1/oauth2/token}): fetched on first use, then kept and refreshed shortly before it
 * expires, so that searches do not meet an expired token in the normal course; one that eBay rejects anyway is
 * replaced on demand. Safe for concurrent polls: they share one token.
 */
final class EbayToken {

    private static final String SCOPE = "https://api.ebay.com/oauth/api_scope";
    /**
     * A token is refreshed once less than five minutes or a tenth of its life remains, whichever is smaller. It is
     * checked before every search request, so the margin need only outlast one request (bounded by the timeouts)
     * and the skew between our clock and eBay's: five minutes does, with room, for eBay's two-hour tokens. The
     * tenth is for short-lived tokens, which a fixed five minutes would leave unused for much of their life, or
     * refresh before every search.
     */
    private static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);

    private static final Logger log = LoggerFactory.getLogger(EbayToken.class);
    private static final TypeReference<EbayTokenResponse> RESPONSE = new TypeReference<>() { };

    private final SourceHttpClient http;
    private final Request request;
    private final Clock clock;
    /** Guarded by this; null before the first token and after one was rejected. */
    private Issued current;

    EbayToken(SourceHttpClient http, EbaySettings settings, Clock clock) {
        this.http = http;
        this.clock = clock;
        this.request = new Request.Builder()
                .url(settings.baseUrl().newBuilder().addPathSegments("identity/v1/oauth2/token").build())
                .header("Authorization", Credentials.basic(settings.clientId(), settings.clientSecret()))
                .post(new FormBody.Builder()
                        .add("grant_type", "client_credentials")
                        .add("scope", SCOPE)
                        .build())
                .build();
    }

    /** A token request that failed; its failure never holds a token. */
    static final class Unavailable extends Exception {
        private final transient FetchResult.Failure failure;

        Unavailable(FetchResult.Failure failure) {
            super(failure.detail(), null, false, false);
            this.failure = failure;
        }

        FetchResult.Failure failure() {
            return failure;
        }
    }

    /** The kept token until it is due for refresh, then a new one. */
    synchronized String get() throws Unavailable {
        if (current == null || !clock.instant().isBefore(current.refreshAt())) {
            current = fetch();
        }
        return current.value();
    }

    /**
     * A new token in place of {@code rejected}, which eBay refused before it was due (revoked, or issued by eBay
     * later than our clock says); when a concurrent poll has already replaced it, that poll's token.
     */
    synchronized String replace(String rejected) throws Unavailable {
        if (current != null && !current.value().equals(rejected)) {
            return current.value();
        }
        // a rejected token is not offered again, even when its replacement cannot be fetched
        current = null;
        current = fetch();
        return current.value();
    }

    private Issued fetch() throws Unavailable {
        Instant requested = clock.instant();
        Issued issued;
        try {
            issued = http.call(request, (body, received) -> issued(body, requested), EbayErrorBody::token);
        } catch (RequestFailed e) {
            throw new Unavailable(withoutCredential(e.failure()));
        }
        log.info("eBay access token obtained, due for refresh at {}", issued.refreshAt());
        return issued;
    }

    /**
     * A successful response that did not read (no {@code expires_in}, say) may still hold a token, and a failure's
     * body goes to {@code ingest.rejects}: it is left out. Error bodies hold no credential and are kept.
     */
    private static FetchResult.Failure withoutCredential(FetchResult.Failure failure) {
        if (failure.httpStatus() == null || failure.httpStatus() < 200 || failure.httpStatus() >= 300) {
            return failure;
        }
        return new FetchResult.Failure(failure.url(), failure.httpStatus(), failure.reason(), failure.detail(), null,
                failure.observedTime(), failure.retryAfter());
    }

    /** The token's life is counted from our request: eBay cannot have issued it earlier. */
    private static Issued issued(String body, Instant requested) throws InvalidResponse {
        EbayTokenResponse response = SourceHttpClient.json(body, RESPONSE, "an eBay OAuth token");
        String value = Fields.required("access_token", response.accessToken());
        long seconds = Fields.required("expires_in", response.expiresIn());
        if (value.isBlank()) {
            throw new InvalidResponse(RejectReason.MALFORMED_JSON, "field access_token is blank");
        }
        if (seconds <= 0) {
            throw new InvalidResponse(RejectReason.MALFORMED_JSON, "field expires_in " + seconds + " is not positive");
        }
        Duration life = Duration.ofSeconds(seconds);
        Duration margin = life.dividedBy(10).compareTo(REFRESH_MARGIN) < 0 ? life.dividedBy(10) : REFRESH_MARGIN;
        return new Issued(value, requested.plus(life).minus(margin));
    }

    /** A token and when it is due for refresh; the value is a credential: never logged. */
    private record Issued(String value, Instant refreshAt) {

        @Override
        public String toString() {
            return "Issued[refreshAt=" + refreshAt + "]";
        }
    }
}
