package dev.rigwatch.ingest.exchange.kraken;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * Kraken's {@code GET /0/public/OHLC} result: the pair's rows under the pair's key, beside {@code last}.
 *
 * @param pairs the rows, by Kraken's pair key ({@code XXBTZUSD})
 * @param last  the start of the newest committed window, epoch seconds: the {@code since} of the next request
 */
record KrakenOhlc(@JsonAnySetter Map<String, List<Entry>> pairs, Long last) {

    /**
     * One row, an array {@code [time, open, high, low, close, vwap, volume, count]}; decimals are strings.
     *
     * @param time  the window's start, epoch seconds
     * @param count the number of trades in the window
     */
    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    @JsonPropertyOrder({"time", "open", "high", "low", "close", "vwap", "volume", "count"})
    record Entry(Long time, String open, String high, String low, String close, String vwap, String volume,
                 Long count) {
    }
}
