package dev.rigwatch.ingest.exchange.binance;

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
import okhttp3.HttpUrl;

/**
 * Binance's {@code GET /api/v3/exchangeInfo}: its symbols ({@code BTCUSDT}, base {@code BTC}, quote {@code USDT}),
 * each its own request and response id. Only symbols whose status is {@code TRADING} are listed.
 */
public final class BinanceInstruments implements InstrumentListing {

    private static final TypeReference<BinanceExchangeInfo> EXCHANGE_INFO = new TypeReference<>() { };

    @Override
    public HttpUrl url(HttpUrl baseUrl) {
        return baseUrl.newBuilder().addPathSegments("api/v3/exchangeInfo").build();
    }

    @Override
    public SourceHttpClient.ErrorBody errors() {
        return BinanceAdapter::errorBody;
    }

    @Override
    public List<Instrument> parse(String body) throws InvalidResponse {
        // read here, not in a constant: Exchange's constants create this listing
        String exchange = Exchange.BINANCE.id();
        BinanceExchangeInfo info = SourceHttpClient.json(body, EXCHANGE_INFO, "Binance exchangeInfo");
        List<Instrument> instruments = new ArrayList<>();
        for (BinanceExchangeInfo.Symbol entry : Fields.required("symbols", info.symbols())) {
            Fields.required("symbol", entry);
            String id = Fields.required("symbol", entry.symbol());
            if (!"TRADING".equals(entry.status())) {
                continue;
            }
            AssetCodes.symbol(exchange, Fields.required(id + ".baseAsset", entry.baseAsset()),
                            Fields.required(id + ".quoteAsset", entry.quoteAsset()))
                    .ifPresent(symbol -> instruments.add(new Instrument(exchange, symbol, id, id)));
        }
        return InstrumentListing.nonEmpty("Binance exchangeInfo", instruments);
    }
}
