package dev.rigwatch.ingest.exchange.bitstamp;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.rigwatch.ingest.RejectReason;
import dev.rigwatch.ingest.exchange.AssetCodes;
import dev.rigwatch.ingest.exchange.Exchange;
import dev.rigwatch.ingest.exchange.Fields;
import dev.rigwatch.ingest.exchange.Instrument;
import dev.rigwatch.ingest.exchange.InstrumentListing;
import dev.rigwatch.ingest.http.InvalidResponse;
import dev.rigwatch.ingest.http.SourceHttpClient;
import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;

/**
 * Bitstamp's {@code GET /api/v2/trading-pairs-info/}: an array of pairs named {@code BTC/USD}, asked for by their
 * {@code url_symbol} ({@code btcusd}). Pairs whose trading is not {@code Enabled} are left out.
 */
public final class BitstampInstruments implements InstrumentListing {

    private static final TypeReference<List<BitstampTradingPair>> PAIRS = new TypeReference<>() { };

    @Override
    public HttpUrl url(HttpUrl baseUrl) {
        return baseUrl.newBuilder().addPathSegments("api/v2/trading-pairs-info").addPathSegment("").build();
    }

    @Override
    public SourceHttpClient.ErrorBody errors() {
        return BitstampAdapter::errorBody;
    }

    @Override
    public List<Instrument> parse(String body) throws InvalidResponse {
        // read here, not in a constant: Exchange's constants create this listing
        String exchange = Exchange.BITSTAMP.id();
        List<Instrument> instruments = new ArrayList<>();
        for (BitstampTradingPair pair : SourceHttpClient.json(body, PAIRS, "Bitstamp trading pairs")) {
            Fields.required("pair", pair);
            String name = Fields.required("name", pair.name());
            String urlSymbol = Fields.required(name + ".url_symbol", pair.urlSymbol());
            if (!"Enabled".equals(pair.trading())) {
                continue;
            }
            String[] assets = name.split("/", -1);
            if (assets.length != 2) {
                throw new InvalidResponse(RejectReason.MALFORMED_JSON, "pair name '" + name + "' is not BASE/QUOTE");
            }
            AssetCodes.symbol(exchange, assets[0], assets[1])
                    .ifPresent(symbol -> instruments.add(new Instrument(exchange, symbol, urlSymbol, urlSymbol)));
        }
        return InstrumentListing.nonEmpty("Bitstamp trading pairs", instruments);
    }
}
