package dev.rigwatch.ingest;

/** One exchange's ticker endpoint, as the {@link TickerPoller} sees it. */
public interface TickerSource {

    /** The source id: the tick's exchange and the key of its rejects, e.g. {@code coinbase}. */
    String source();

    /**
     * Requests the ticker of one product. Never throws for what the network or the exchange does: every such
     * outcome is a {@link FetchResult.Failure}.
     */
    FetchResult fetch(String productId);
}
