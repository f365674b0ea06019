package dev.rigwatch.ingest;

import dev.rigwatch.ingest.exchange.InstrumentRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leaves out of polling the symbols an exchange does not list, each logged once with its close matches and counted
 * on {@code symbols.unlisted}, so that one mistyped symbol does not stop the others. A worker none of whose
 * requested symbols is listed cannot do its job: that fails, with every message.
 */
final class UnlistedSymbols {

    private static final Logger log = LoggerFactory.getLogger(UnlistedSymbols.class);

    private UnlistedSymbols() {
    }

    /** The exchanges with only their listed symbols; an exchange with none is left out. */
    static List<ExchangeSettings> listedOnly(List<ExchangeSettings> requested, InstrumentRegistry instruments,
                                          MeterRegistry meters) {
        List<ExchangeSettings> polled = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (ExchangeSettings exchange : requested) {
            String id = exchange.exchange();
            List<String> listed = exchange.symbols().stream().filter(s -> instruments.lists(id, s)).toList();
            for (String symbol : exchange.symbols()) {
                if (!listed.contains(symbol)) {
                    String problem = instruments.notListed(id, symbol);
                    problems.add(problem);
                    log.warn("{}: not polling it", problem);
                    Counter.builder("symbols.unlisted").description("requested symbols the exchange does not list")
                            .tag("source", id).register(meters).increment();
                }
            }
            if (listed.isEmpty()) {
                log.warn("Not polling {}: none of its symbols {} is listed", id, exchange.symbols());
            } else {
                polled.add(exchange.withSymbols(listed));
            }
        }
        if (polled.isEmpty() && !problems.isEmpty()) {
            throw new IllegalArgumentException("no requested symbol is listed: " + String.join(". ", problems));
        }
        return polled;
    }
}
