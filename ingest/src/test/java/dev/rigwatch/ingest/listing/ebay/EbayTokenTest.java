package dev.rigwatch.ingest.listing.ebay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rigwatch.ingest.FetchResult;
import dev.rigwatch.ingest.RejectReason;
import org.junit.jupiter.api.Test;

/** The token cache's answers to a refusal; its request and refresh times are tested through {@link EbaySource}. */
class EbayTokenTest extends EbayServerTestBase {

    @Test
    void aTokenRefusedAfterAnotherPollRefreshedItIsReplacedByThatPollsToken() throws EbayToken.Unavailable {
        EbayToken token = new EbayToken(http, settings(200, 5), clock);
        server.enqueue(json(200, TOKEN));
        String slowPollsToken = token.get();
        // another poll finds the token due for refresh while the first one's search is under way
        clock.set(START.plusSeconds(7200 - 300));
        server.enqueue(json(200, NEW_TOKEN));
        String otherPollsToken = token.get();

        String replacement = token.replace(slowPollsToken);

        assertThat(slowPollsToken).isEqualTo(TOKEN_VALUE);
        assertThat(otherPollsToken).isEqualTo(NEW_TOKEN_VALUE);
        assertThat(replacement).isEqualTo(NEW_TOKEN_VALUE);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aRefusedTokenIsNotOfferedAgainWhenItsReplacementCannotBeFetched() throws EbayToken.Unavailable {
        EbayToken token = new EbayToken(http, settings(200, 5), clock);
        server.enqueue(json(200, TOKEN));
        String refused = token.get();
        server.enqueue(json(503, ""));

        EbayToken.Unavailable unavailable = catchThrowableOfType(EbayToken.Unavailable.class,
                () -> token.replace(refused));
        server.enqueue(json(200, NEW_TOKEN));
        String next = token.get();

        assertThat(unavailable.failure()).isEqualTo(new FetchResult.Failure(server.url(TOKEN_PATH).toString(), 503,
                RejectReason.HTTP_5XX, "HTTP 503 Server Error", "", START.plusSeconds(2), null));
        assertThat(next).isEqualTo(NEW_TOKEN_VALUE);
        assertThat(server.getRequestCount()).isEqualTo(3);
    }
}
