package dev.rigwatch.ingest.exchange;

import dev.rigwatch.ingest.FetchResult;
import dev.rigwatch.ingest.exchange.binance.BinanceExchangeInfo;
import dev.rigwatch.ingest.exchange.coinbase.CoinbaseProducts;
import dev.rigwatch.ingest.exchange.kraken.KrakenAssetPairs;
import dev.rigwatch.ingest.http.InvalidResponse;
import dev.rigwatch.ingest.http.SourceHttpClient;
import java.util.List;
import java.util.Optional;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each exchange's own list of its instruments, read once at start and laid over the bundled {@code instruments.csv}
 * (the offline snapshot). When the exchange's listing cannot be read, the snapshot alone is used, with one WARN
 * line naming the cause.
 */
public final class ExchangeListings {

    private static final Logger log = LoggerFactory.getLogger(ExchangeListings.class);

    /** Reads an exchange's listing body into its instruments. */
    @FunctionalInterface
    interface Parser {
        List<InstrumentRegistry.Listed> parse(String body) throws InvalidResponse;
    }

    /** Where an exchange lists its instruments, relative to its base URL, and how to read the answer. */
    record Endpoint(String path, Parser parser) {
    }

    private ExchangeListings() {
    }

    /** The listing endpoint of {@code exchange}, if rigwatch reads one. */
    static Optional<Endpoint> endpoint(Exchange exchange) {
        return switch (exchange) {
            case KRAKEN -> Optional.of(new Endpoint(KrakenAssetPairs.PATH, KrakenAssetPairs::parse));
            case COINBASE -> Optional.of(new Endpoint(CoinbaseProducts.PATH, CoinbaseProducts::parse));
            case BINANCE -> Optional.of(new Endpoint(BinanceExchangeInfo.PATH, BinanceExchangeInfo::parse));
            case BITSTAMP -> Optional.empty();
        };
    }

    /**
     * {@code registry} with {@code exchange}'s listing at {@code baseUrl} laid over it; {@code registry} itself when
     * rigwatch reads no listing for the exchange or the listing cannot be read.
     */
    public static InstrumentRegistry load(InstrumentRegistry registry, Exchange exchange, SourceHttpClient http,
                                          String baseUrl) {
        Optional<Endpoint> endpoint = endpoint(exchange);
        if (endpoint.isEmpty()) {
            return registry;
        }
        HttpUrl url = HttpUrl.get(baseUrl).newBuilder().addPathSegments(endpoint.get().path()).build();
        try {
            List<InstrumentRegistry.Listed> listed = http.get(url, (body, received) -> endpoint.get().parser().parse(body),
                    SourceHttpClient.STATUS_ONLY);
            log.info("{} lists {} instruments at {}", exchange.id(), listed.size(), url);
            return registry.withListed(exchange.id(), listed);
        } catch (SourceHttpClient.RequestFailed e) {
            FetchResult.Failure failure = e.failure();
            log.warn("cannot read {}'s instruments from {} ({}: {}); using the bundled {}", exchange.id(), url,
                    failure.reason(), failure.detail(), InstrumentRegistry.RESOURCE);
            return registry;
        }
    }
}
