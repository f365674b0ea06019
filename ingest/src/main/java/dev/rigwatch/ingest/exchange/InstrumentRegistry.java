package dev.rigwatch.ingest.exchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which instruments each exchange lists, and what it calls them: an immutable value. rigwatch's symbols are
 * {@code BASE-QUOTE} with the quote explicit: {@code BTC-USD}, {@code ETH-USD}, {@code BTC-USDT}. USDT is NOT USD:
 * it is a token that trades near one dollar, and its price drifts from it, so Binance's {@code BTC-USDT} is a
 * different instrument from Coinbase's {@code BTC-USD} and the two are never merged.
 *
 * <p>A registry comes from an exchange's own instrument endpoint ({@link InstrumentListing}), or from a CSV file:
 * the bundled offline snapshot {@code instruments.csv} next to this class, or an operator's override file. The CSV
 * has comment lines starting with {@code #}, then the header {@code exchange,symbol,request_id,response_id}, then
 * one row per instrument and exchange, e.g. {@code kraken,BTC-USD,XBTUSD,XXBTZUSD}: Kraken is asked for
 * {@code XBTUSD} and answers under the key {@code XXBTZUSD}. CSV rows are explicit; no alias rule is applied to them.
 */
public final class InstrumentRegistry implements InstrumentLookup {

    public static final String RESOURCE = "instruments.csv";
    static final String HEADER = "exchange,symbol,request_id,response_id";

    /** exchange → symbol → instrument, symbols sorted for messages. */
    private final Map<String, TreeMap<String, Instrument>> bySymbol;
    /** exchange → response id → symbol. */
    private final Map<String, Map<String, String>> symbolsByResponseId;

    private InstrumentRegistry(Map<String, TreeMap<String, Instrument>> bySymbol,
                               Map<String, Map<String, String>> symbolsByResponseId) {
        this.bySymbol = bySymbol;
        this.symbolsByResponseId = symbolsByResponseId;
    }

    /** The offline snapshot rigwatch ships: {@code instruments.csv} on the classpath, next to this class. */
    public static InstrumentRegistry load() {
        try (InputStream in = InstrumentRegistry.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return parse(RESOURCE, new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** Reads the CSV format above; a broken line fails naming it. {@code name} is for messages. */
    public static InstrumentRegistry parse(String name, List<String> lines) {
        Builder strict = new Builder();
        boolean headerSeen = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            String where = name + " line " + (i + 1) + ": ";
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (!headerSeen) {
                if (!line.equals(HEADER)) {
                    throw new IllegalArgumentException(where + "expected the header " + HEADER + ", found " + line);
                }
                headerSeen = true;
                continue;
            }
            String[] columns = line.split(",", -1);
            if (columns.length != 4) {
                throw new IllegalArgumentException(where + "expected 4 columns (" + HEADER + "), found " + columns.length);
            }
            Instrument row;
            try {
                row = new Instrument(columns[0].strip(), columns[1].strip(), columns[2].strip(), columns[3].strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + e.getMessage());
            }
            String conflict = strict.add(row);
            if (conflict != null) {
                throw new IllegalArgumentException(where + conflict);
            }
        }
        if (!headerSeen) {
            throw new IllegalArgumentException(name + " has no header " + HEADER);
        }
        return strict.build();
    }

    /**
     * The instruments an exchange's listing reported. An exchange may list one pair under two names (a legacy and a
     * new one): the first listed keeps the symbol.
     */
    public static InstrumentRegistry of(Collection<Instrument> instruments) {
        Builder lenient = new Builder();
        instruments.forEach(lenient::add);
        return lenient.build();
    }

    /**
     * This registry with {@code other}'s rows on top: for each exchange and symbol, {@code other}'s ids win, and a
     * row of this one whose response id {@code other} gives to another symbol is dropped.
     */
    public InstrumentRegistry overriddenBy(InstrumentRegistry other) {
        return of(Stream.concat(other.instruments().stream(), instruments().stream()).toList());
    }

    /** This registry's rows of {@code exchange} only. */
    public InstrumentRegistry only(String exchange) {
        return of(instruments().stream().filter(i -> i.exchange().equals(exchange)).toList());
    }

    /** Every row, by exchange and symbol. */
    public List<Instrument> instruments() {
        return new TreeMap<>(bySymbol).values().stream().flatMap(m -> m.values().stream()).toList();
    }

    /** The symbols listed for {@code exchange}, sorted. */
    public Set<String> symbols(String exchange) {
        return bySymbol.getOrDefault(exchange, new TreeMap<>()).navigableKeySet();
    }

    public boolean lists(String exchange, String symbol) {
        return symbols(exchange).contains(symbol);
    }

    @Override
    public String requestId(String exchange, String symbol) {
        Instrument instrument = bySymbol.getOrDefault(exchange, new TreeMap<>()).get(symbol);
        if (instrument == null) {
            throw new IllegalArgumentException(notListed(exchange, symbol));
        }
        return instrument.requestId();
    }

    @Override
    public Optional<String> symbolForResponse(String exchange, String responseId) {
        return Optional.ofNullable(symbolsByResponseId.getOrDefault(exchange, Map.of()).get(responseId));
    }

    /** Fails, naming every symbol the registry does not list for the exchange and its close matches. */
    public void requireListed(String exchange, Collection<String> symbols) {
        String unknown = symbols.stream().filter(s -> !lists(exchange, s)).map(s -> notListed(exchange, s))
                .collect(Collectors.joining(". "));
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(unknown);
        }
    }

    /** Why {@code symbol} cannot be polled: {@code kraken does not list BTC-USTD; close matches: BTC-USDT, BTC-USD}. */
    public String notListed(String exchange, String symbol) {
        Set<String> listed = symbols(exchange);
        if (listed.isEmpty()) {
            return exchange + " does not list " + symbol + "; no instruments are known for " + exchange
                    + " (exchanges known: " + new TreeMap<>(bySymbol).keySet() + ")";
        }
        List<String> close = CloseMatches.of(exchange, symbol, listed);
        return exchange + " does not list " + symbol + "; " + (close.isEmpty()
                ? "no close matches among its " + listed.size() + " instruments"
                : "close matches: " + String.join(", ", close));
    }

    @Override
    public String toString() {
        return bySymbol.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().size())
                .sorted().collect(Collectors.joining(", ", "instruments of ", ""));
    }

    /** Collects rows; a row whose symbol or response id is already taken is refused, saying why. */
    private static final class Builder {
        private final Map<String, TreeMap<String, Instrument>> bySymbol = new HashMap<>();
        private final Map<String, Map<String, String>> symbolsByResponseId = new HashMap<>();

        /** @return null when added, else why not */
        String add(Instrument row) {
            TreeMap<String, Instrument> symbols = bySymbol.computeIfAbsent(row.exchange(), e -> new TreeMap<>());
            Map<String, String> responses = symbolsByResponseId.computeIfAbsent(row.exchange(), e -> new HashMap<>());
            if (symbols.containsKey(row.symbol())) {
                return row.exchange() + " " + row.symbol() + " is listed twice";
            }
            String other = responses.get(row.responseId());
            if (other != null) {
                return row.exchange() + " response id " + row.responseId() + " is already " + other;
            }
            symbols.put(row.symbol(), row);
            responses.put(row.responseId(), row.symbol());
            return null;
        }

        InstrumentRegistry build() {
            bySymbol.values().removeIf(Map::isEmpty);
            symbolsByResponseId.values().removeIf(Map::isEmpty);
            return new InstrumentRegistry(bySymbol, symbolsByResponseId);
        }
    }
}
