package dev.rigwatch.ingest.ws;

import dev.rigwatch.ingest.exchange.Exchange;
import dev.rigwatch.ingest.exchange.InstrumentRegistry;
import dev.rigwatch.ingest.ws.binance.BinanceWsProtocol;
import dev.rigwatch.ingest.ws.bitstamp.BitstampWsProtocol;
import dev.rigwatch.ingest.ws.coinbase.CoinbaseWsProtocol;
import dev.rigwatch.ingest.ws.kraken.KrakenWsProtocol;

/**
 * The WebSocket protocol of each exchange, in one place. Kept here rather than on {@link Exchange}, so that the
 * REST side ({@code ingest.exchange}) does not depend on the WebSocket side built on it.
 */
public final class WsProtocols {

    private WsProtocols() {
    }

    /**
     * The exchange's WebSocket protocol.
     *
     * @param instruments what the exchange calls each symbol; which symbols it lists
     */
    public static WsProtocol forExchange(Exchange exchange, InstrumentRegistry instruments) {
        return switch (exchange) {
            case COINBASE -> new CoinbaseWsProtocol(instruments);
            case KRAKEN -> new KrakenWsProtocol(instruments);
            case BINANCE -> new BinanceWsProtocol(instruments);
            case BITSTAMP -> new BitstampWsProtocol(instruments);
        };
    }
}
