package dev.rigwatch.ingest.exchange;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The candle intervals one exchange's history endpoint offers, each with the parameter value that asks for it.
 *
 * @param exchange   the exchange, for the message about an interval it does not offer
 * @param parameters interval → the endpoint's parameter value ({@code 60}, {@code 1m}, ...)
 */
public record CandleIntervals(String exchange, Map<Duration, String> parameters) {

    public CandleIntervals {
        Objects.requireNonNull(exchange, "exchange");
        parameters = Map.copyOf(parameters);
    }

    /** The parameter for {@code interval}; an interval the exchange does not offer is the caller's mistake. */
    public String parameter(Duration interval) {
        String parameter = parameters.get(interval);
        if (parameter == null) {
            throw new IllegalArgumentException(exchange + " has no " + interval + " candles; it has "
                    + new TreeMap<>(parameters).keySet());
        }
        return parameter;
    }
}
