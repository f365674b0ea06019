package dev.rigwatch.ingest.exchange.kraken;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.rigwatch.ingest.exchange.AssetCodes;
import dev.rigwatch.ingest.exchange.Exchange;
import dev.rigwatch.ingest.exchange.Fields;
import dev.rigwatch.ingest.exchange.Instrument;
import dev.rigwatch.ingest.exchange.InstrumentListing;
import dev.rigwatch.ingest.http.InvalidResponse;
import dev.rigwatch.ingest.http.SourceHttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;

/**
 * Kraken's {@code GET /0/public/AssetPairs}: every pair under its result key, the id Kraken answers with
 * ({@code XXBTZUSD}), and its {@code altname}, the id a request takes ({@code XBTUSD}). Delisted pairs and dark-pool
 * pairs ({@code .d}) are left out.
 */
public final class KrakenInstruments implements InstrumentListing {

    private static final TypeReference<KrakenResponse<Map<String, KrakenAssetPair>>> ASSET_PAIRS = new TypeReference<>() { };

    @Override
    public HttpUrl url(HttpUrl baseUrl) {
        return baseUrl.newBuilder().addPathSegments("0/public/AssetPairs").build();
    }

    @Override
    public List<Instrument> parse(String body) throws InvalidResponse {
        // read here, not in a constant: Exchange's constants create this listing
        String exchange = Exchange.KRAKEN.id();
        KrakenResponse<Map<String, KrakenAssetPair>> response = SourceHttpClient.json(body, ASSET_PAIRS, "Kraken AssetPairs");
        KrakenAdapter.throwErrors(response.error());
        List<Instrument> instruments = new ArrayList<>();
        for (Map.Entry<String, KrakenAssetPair> entry : Fields.required("result", response.result()).entrySet()) {
            String key = entry.getKey();
            KrakenAssetPair pair = Fields.required(key, entry.getValue());
            String altname = Fields.required(key + ".altname", pair.altname());
            if ("delisted".equals(pair.status()) || altname.endsWith(".d")) {
                continue;
            }
            AssetCodes.symbol(exchange, Fields.required(key + ".base", pair.base()),
                            Fields.required(key + ".quote", pair.quote()))
                    .ifPresent(symbol -> instruments.add(new Instrument(exchange, symbol, altname, key)));
        }
        return InstrumentListing.nonEmpty("Kraken AssetPairs", instruments);
    }
}
