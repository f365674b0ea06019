package dev.rigwatch.ingest.exchange.coinbase;

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
 * Coinbase Exchange's {@code GET /products}: an array of products, each asked for and answered under its id
 * ({@code BTC-EUR}). Delisted products and those with trading disabled are left out.
 */
public final class CoinbaseInstruments implements InstrumentListing {

    private static final TypeReference<List<CoinbaseProduct>> PRODUCTS = new TypeReference<>() { };

    @Override
    public HttpUrl url(HttpUrl baseUrl) {
        return baseUrl.newBuilder().addPathSegment("products").build();
    }

    @Override
    public List<Instrument> parse(String body) throws InvalidResponse {
        // read here, not in a constant: Exchange's constants create this listing
        String exchange = Exchange.COINBASE.id();
        List<Instrument> instruments = new ArrayList<>();
        for (CoinbaseProduct product : SourceHttpClient.json(body, PRODUCTS, "Coinbase products")) {
            Fields.required("product", product);
            String id = Fields.required("id", product.id());
            if ("delisted".equals(product.status()) || Boolean.TRUE.equals(product.tradingDisabled())) {
                continue;
            }
            AssetCodes.symbol(exchange, Fields.required(id + ".base_currency", product.baseCurrency()),
                            Fields.required(id + ".quote_currency", product.quoteCurrency()))
                    .ifPresent(symbol -> instruments.add(new Instrument(exchange, symbol, id, id)));
        }
        return InstrumentListing.nonEmpty("Coinbase products", instruments);
    }
}
