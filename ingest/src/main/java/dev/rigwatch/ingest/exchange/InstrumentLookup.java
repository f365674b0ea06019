package dev.rigwatch.ingest.exchange;

import java.util.Optional;

/** What an adapter needs to know about instruments: the exchange's names of rigwatch's symbols, both ways. */
public interface InstrumentLookup {

    /** What the exchange's API takes for {@code symbol}; a symbol it does not list is a configuration error. */
    String requestId(String exchange, String symbol);

    /** The symbol of the pair the exchange calls {@code responseId} in its responses, if it lists one. */
    Optional<String> symbolForResponse(String exchange, String responseId);
}
