package dev.rigwatch.ingest;

/**
 * One exchange's ticks on their way to {@code crypto.ticks}, however they come: polled over REST
 * ({@link TickerPoller}) or pushed over a WebSocket ({@link WsTickerFeed}). The ingest stage runs one per exchange.
 */
public interface TickerSource extends AutoCloseable {

    /** Starts reading; once only. */
    void start();

    /** Counts so far, for progress lines. */
    TickerPoller.Stats stats();

    /** Stops reading and waits (bounded) for work in flight; the producer is the caller's to flush and close. */
    @Override
    void close();
}
