package dev.rigwatch.app;

import dev.rigwatch.ingest.ExchangeSettings.Transport;
import dev.rigwatch.ingest.exchange.Exchange;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code --transport} option: one transport for every exchange ({@code ws}), or one per exchange
 * ({@code kraken=ws,coinbase=ws}, the others REST), or both ({@code ws,bitstamp=rest}).
 */
record Transports(Transport fallback, Map<String, Transport> byExchange) {

    static Transports parse(List<String> values) {
        Transport fallback = Transport.REST;
        Map<String, Transport> byExchange = new HashMap<>();
        for (String value : values) {
            int equals = value.indexOf('=');
            if (equals < 0) {
                fallback = Transport.of(value);
            } else {
                String exchange = Exchange.of(value.substring(0, equals).strip()).id();
                byExchange.put(exchange, Transport.of(value.substring(equals + 1)));
            }
        }
        return new Transports(fallback, Map.copyOf(byExchange));
    }

    Transport of(String exchange) {
        return byExchange.getOrDefault(exchange, fallback);
    }
}
