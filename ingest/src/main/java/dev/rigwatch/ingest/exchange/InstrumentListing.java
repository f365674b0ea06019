package dev.rigwatch.ingest.exchange;

import dev.rigwatch.ingest.RejectReason;
import dev.rigwatch.ingest.http.InvalidResponse;
import dev.rigwatch.ingest.http.SourceHttpClient;
import java.util.List;
import okhttp3.HttpUrl;

/** An exchange's own endpoint of the instruments it lists, and how its body becomes {@link Instrument}s. */
public interface InstrumentListing {

    /** The endpoint at the exchange's {@code baseUrl}, e.g. Kraken's {@code /0/public/AssetPairs}. */
    HttpUrl url(HttpUrl baseUrl);

    /** Recognises the exchange's own error body; {@link SourceHttpClient#STATUS_ONLY} for most. */
    default SourceHttpClient.ErrorBody errors() {
        return SourceHttpClient.STATUS_ONLY;
    }

    /**
     * The instruments a successful body lists, the ones no longer traded left out; a body that is not the
     * endpoint's, or lists nothing, is an {@link InvalidResponse}.
     */
    List<Instrument> parse(String body) throws InvalidResponse;

    /** The parsed instruments, or the typed error for a listing with none. */
    static List<Instrument> nonEmpty(String what, List<Instrument> instruments) throws InvalidResponse {
        if (instruments.isEmpty()) {
            throw new InvalidResponse(RejectReason.MALFORMED_JSON, what + " lists no instrument");
        }
        return instruments;
    }
}
