package dev.rigwatch.ingest.ws;

import dev.rigwatch.ingest.exchange.Exchange;
import dev.rigwatch.ingest.exchange.InstrumentRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the exchanges' protocols share: their public endpoint and liveness figures, which are constants of each
 * exchange, and the instrument registry their symbols are looked up in. A protocol adds its sessions.
 */
public abstract class ExchangeWsProtocol implements WsProtocol {

    private final Exchange exchange;
    private final URI defaultUri;
    private final Duration silenceTimeout;
    private final Duration pingInterval;
    /** What the exchange calls each symbol, and which it lists. */
    protected final InstrumentRegistry instruments;

    protected ExchangeWsProtocol(Exchange exchange, URI defaultUri, Duration silenceTimeout, Duration pingInterval,
                                 InstrumentRegistry instruments) {
        this.exchange = exchange;
        this.defaultUri = defaultUri;
        this.silenceTimeout = silenceTimeout;
        this.pingInterval = pingInterval;
        this.instruments = Objects.requireNonNull(instruments, "instruments");
    }

    @Override
    public final String exchange() {
        return exchange.id();
    }

    @Override
    public final URI defaultUri() {
        return defaultUri;
    }

    @Override
    public final Duration silenceTimeout() {
        return silenceTimeout;
    }

    @Override
    public final Duration pingInterval() {
        return pingInterval;
    }

    /** {@code symbols}, each checked to be listed by this exchange: a symbol it does not list cannot be subscribed. */
    protected final List<String> subscribable(List<String> symbols) {
        return WsFrames.subscribable(exchange(), symbols, instruments);
    }
}
