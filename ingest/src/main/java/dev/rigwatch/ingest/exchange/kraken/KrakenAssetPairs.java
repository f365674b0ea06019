package dev.rigwatch.ingest.exchange.kraken;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.rigwatch.ingest.RejectReason;
import dev.rigwatch.ingest.exchange.Fields;
import dev.rigwatch.ingest.exchange.InstrumentRegistry;
import dev.rigwatch.ingest.http.InvalidResponse;
import dev.rigwatch.ingest.http.SourceHttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Kraken's own list of its instruments, {@code GET /0/public/AssetPairs}: the result maps each pair's key (the
 * id its responses use, {@code XXBTZUSD}) to the pair, whose {@code altname} ({@code XBTUSD}) is what requests
 * take and whose {@code wsname} ({@code XBT/USD}) names its assets. Kraken's asset names become rigwatch's here,
 * once: XBT is BTC, XDG is DOGE; USDT stays USDT (it is not USD).
 */
public final class KrakenAssetPairs {

    /** The endpoint, relative to Kraken's base URL. */
    public static final String PATH = "0/public/AssetPairs";
    private static final Map<String, String> ASSETS = Map.of("XBT", "BTC", "XDG", "DOGE");
    private static final TypeReference<KrakenResponse<Map<String, Pair>>> PAIRS = new TypeReference<>() { };

    private KrakenAssetPairs() {
    }

    /**
     * One pair, the fields rigwatch reads (Kraken sends many more).
     *
     * @param altname what requests take, {@code XBTUSDT}
     * @param wsname  the pair's assets, {@code XBT/USDT}
     * @param status  {@code online}, or another state (absent in older answers)
     */
    record Pair(String altname, String wsname, String base, String quote, String status) {
    }

    /**
     * The instruments in an AssetPairs body. A pair without a {@code wsname} of two assets (Kraken's dark-pool
     * {@code .d} pairs have none) is skipped; a body that is not an AssetPairs answer, or Kraken's error, is invalid.
     */
    public static List<InstrumentRegistry.Listed> parse(String body) throws InvalidResponse {
        KrakenResponse<Map<String, Pair>> response = SourceHttpClient.json(body, PAIRS, "Kraken AssetPairs");
        if (response.error() != null && response.error().stream().anyMatch(m -> m != null && m.startsWith("E"))) {
            throw new InvalidResponse(RejectReason.EXCHANGE_ERROR, "Kraken error " + response.error());
        }
        Map<String, Pair> pairs = Fields.required("result", response.result());
        List<InstrumentRegistry.Listed> listed = new ArrayList<>();
        for (Map.Entry<String, Pair> entry : pairs.entrySet()) {
            Pair pair = entry.getValue();
            if (pair == null || pair.altname() == null || pair.wsname() == null
                    || (pair.status() != null && !pair.status().equals("online"))) {
                continue;
            }
            String[] assets = pair.wsname().split("/", -1);
            if (assets.length != 2 || assets[0].isBlank() || assets[1].isBlank()) {
                continue;
            }
            listed.add(new InstrumentRegistry.Listed(asset(assets[0]) + "-" + asset(assets[1]), pair.altname(),
                    entry.getKey()));
        }
        if (listed.isEmpty()) {
            throw new InvalidResponse(RejectReason.MALFORMED_JSON, "Kraken AssetPairs lists no usable pair");
        }
        return listed;
    }

    /** rigwatch's name of an asset Kraken names its own way ({@code XBT} is BTC); any other name as it is. */
    public static String asset(String kraken) {
        return ASSETS.getOrDefault(kraken, kraken);
    }
}
