package dev.rigwatch.ingest.exchange.binance;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.rigwatch.ingest.RejectReason;
import dev.rigwatch.ingest.exchange.Fields;
import dev.rigwatch.ingest.exchange.InstrumentRegistry;
import dev.rigwatch.ingest.http.InvalidResponse;
import dev.rigwatch.ingest.http.SourceHttpClient;
import java.util.ArrayList;
import java.util.List;

/**
 * Binance's own list of its instruments, {@code GET /api/v3/exchangeInfo}: {@code symbols}, each with the name
 * requests take and responses use ({@code BTCUSDT}) and its {@code baseAsset} and {@code quoteAsset}, so the
 * run-together name never has to be split. Symbols not {@code TRADING} are left out.
 */
public final class BinanceExchangeInfo {

    /** The endpoint, relative to Binance's base URL. */
    public static final String PATH = "api/v3/exchangeInfo";
    private static final TypeReference<Info> INFO = new TypeReference<>() { };

    private BinanceExchangeInfo() {
    }

    record Info(List<Symbol> symbols) {
    }

    /** One symbol, the fields rigwatch reads (Binance sends filters, permissions and more). */
    record Symbol(String symbol, String status, String baseAsset, String quoteAsset) {
    }

    /** The instruments in an exchangeInfo body; a body that is not one, or lists none, is invalid. */
    public static List<InstrumentRegistry.Listed> parse(String body) throws InvalidResponse {
        Info info = SourceHttpClient.json(body, INFO, "Binance exchangeInfo");
        List<InstrumentRegistry.Listed> listed = new ArrayList<>();
        for (Symbol symbol : Fields.required("symbols", info.symbols())) {
            if (symbol == null || symbol.symbol() == null || symbol.baseAsset() == null || symbol.quoteAsset() == null
                    || (symbol.status() != null && !symbol.status().equals("TRADING"))) {
                continue;
            }
            listed.add(new InstrumentRegistry.Listed(symbol.baseAsset() + "-" + symbol.quoteAsset(), symbol.symbol(),
                    symbol.symbol()));
        }
        if (listed.isEmpty()) {
            throw new InvalidResponse(RejectReason.MALFORMED_JSON, "Binance exchangeInfo lists no trading symbol");
        }
        return listed;
    }
}
