package dev.rigwatch.ingest.exchange.coinbase;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.rigwatch.ingest.RejectReason;
import dev.rigwatch.ingest.exchange.InstrumentRegistry;
import dev.rigwatch.ingest.http.InvalidResponse;
import dev.rigwatch.ingest.http.SourceHttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Coinbase Exchange's own list of its instruments, {@code GET /products}: an array of products whose {@code id}
 * ({@code BTC-EUR}) is what requests take and responses name, already rigwatch's {@code BASE-QUOTE} form. Products
 * not {@code online}, or with trading disabled, are left out.
 */
public final class CoinbaseProducts {

    /** The endpoint, relative to Coinbase's base URL. */
    public static final String PATH = "products";
    private static final TypeReference<List<Product>> PRODUCTS = new TypeReference<>() { };

    private CoinbaseProducts() {
    }

    /** One product, the fields rigwatch reads (Coinbase sends many more). */
    record Product(String id, @JsonProperty("base_currency") String baseCurrency,
                   @JsonProperty("quote_currency") String quoteCurrency, String status,
                   @JsonProperty("trading_disabled") Boolean tradingDisabled) {
    }

    /** The instruments in a products body; a body that is not a products array, or lists none, is invalid. */
    public static List<InstrumentRegistry.Listed> parse(String body) throws InvalidResponse {
        List<Product> products = SourceHttpClient.json(body, PRODUCTS, "Coinbase products");
        List<InstrumentRegistry.Listed> listed = new ArrayList<>();
        for (Product product : products) {
            if (product == null || product.id() == null || product.baseCurrency() == null
                    || product.quoteCurrency() == null || Boolean.TRUE.equals(product.tradingDisabled())
                    || (product.status() != null && !product.status().equals("online"))) {
                continue;
            }
            String symbol = (product.baseCurrency() + "-" + product.quoteCurrency()).toUpperCase(Locale.ROOT);
            listed.add(new InstrumentRegistry.Listed(symbol, product.id(), product.id()));
        }
        if (listed.isEmpty()) {
            throw new InvalidResponse(RejectReason.MALFORMED_JSON, "Coinbase products lists no usable product");
        }
        return listed;
    }
}
