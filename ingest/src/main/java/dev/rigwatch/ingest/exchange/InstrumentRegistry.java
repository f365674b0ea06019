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
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Which instruments each exchange lists, and what it calls them. rigwatch's symbols are {@code BASE-QUOTE} with
 * the quote explicit: {@code BTC-USD}, {@code ETH-USD}, {@code BTC-USDT}. USDT is NOT USD: it is a token that
 * trades near one dollar, and its price drifts from it, so Binance's {@code BTC-USDT} is a different instrument
 * from Coinbase's {@code BTC-USD} and the two are never merged.
 *
 * <p>The mapping is data, in {@code instruments.csv} next to this class: comment lines start with {@code #},
 * then the header {@code exchange,symbol,request_id,response_id}, then one row per instrument and exchange, e.g.
 * {@code kraken,BTC-USD,XBTUSD,XXBTZUSD}: Kraken is asked for {@code XBTUSD} and answers under the key
 * {@code XXBTZUSD}. Every row is explicit; no alias rule (such as XBT = BTC) is applied.
 */
public final class InstrumentRegistry {

    public static final String RESOURCE = "instruments.csv";
    static final String HEADER = "exchange,symbol,request_id,response_id";
    private static final Pattern EXCHANGE = Pattern.compile("[a-z0-9]+");
    private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9]+-[A-Z0-9]+");

    /** exchange → symbol → request id, symbols sorted for messages. */
    private final Map<String, TreeMap<String, String>> requestIds;
    /** exchange → response id → symbol. */
    private final Map<String, Map<String, String>> symbolsByResponseId;

    private InstrumentRegistry(Map<String, TreeMap<String, String>> requestIds,
                               Map<String, Map<String, String>> symbolsByResponseId) {
        this.requestIds = requestIds;
        this.symbolsByResponseId = symbolsByResponseId;
    }

    /** The registry rigwatch ships: {@code instruments.csv} on the classpath, next to this class. */
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

    /** Reads the CSV format above from other lines than the shipped file; {@code name} is for messages. */
    public static InstrumentRegistry parse(String name, List<String> lines) {
        Map<String, TreeMap<String, String>> requestIds = new HashMap<>();
        Map<String, Map<String, String>> symbolsByResponseId = new HashMap<>();
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
            String exchange = columns[0].strip();
            String symbol = columns[1].strip();
            String requestId = columns[2].strip();
            String responseId = columns[3].strip();
            if (!EXCHANGE.matcher(exchange).matches()) {
                throw new IllegalArgumentException(where + "exchange must be a lower-case id, was '" + exchange + "'");
            }
            if (!SYMBOL.matcher(symbol).matches()) {
                throw new IllegalArgumentException(where + "symbol must look like BTC-USD, was '" + symbol + "'");
            }
            if (requestId.isEmpty() || responseId.isEmpty()) {
                throw new IllegalArgumentException(where + "request_id and response_id are required");
            }
            if (requestIds.computeIfAbsent(exchange, e -> new TreeMap<>()).putIfAbsent(symbol, requestId) != null) {
                throw new IllegalArgumentException(where + exchange + " " + symbol + " is listed twice");
            }
            String other = symbolsByResponseId.computeIfAbsent(exchange, e -> new HashMap<>()).putIfAbsent(responseId, symbol);
            if (other != null) {
                throw new IllegalArgumentException(where + exchange + " response id " + responseId + " is already "
                        + other);
            }
        }
        if (!headerSeen) {
            throw new IllegalArgumentException(name + " has no header " + HEADER);
        }
        return new InstrumentRegistry(requestIds, symbolsByResponseId);
    }

    /** What the exchange's API takes for {@code symbol}; a symbol the registry does not list is a configuration error. */
    public String requestId(String exchange, String symbol) {
        String requestId = requestIds.getOrDefault(exchange, new TreeMap<>()).get(symbol);
        if (requestId == null) {
            throw new IllegalArgumentException(unknown(exchange, List.of(symbol)));
        }
        return requestId;
    }

    /**
     * One instrument as an exchange's own listing names it.
     *
     * @param symbol     rigwatch's {@code BASE-QUOTE}
     * @param requestId  what the exchange's requests take
     * @param responseId what its responses call it
     */
    public record Listed(String symbol, String requestId, String responseId) {
    }

    /**
     * This registry with {@code exchange}'s instruments from the exchange's own listing laid over the bundled rows:
     * a symbol the listing names takes the listing's ids; a bundled symbol it does not name is kept. A listed
     * symbol that is not {@code BASE-QUOTE}, or a response id already taken, is skipped.
     */
    public InstrumentRegistry withListed(String exchange, List<Listed> listed) {
        TreeMap<String, String> requests = new TreeMap<>(requestIds.getOrDefault(exchange, new TreeMap<>()));
        Map<String, String> symbols = new HashMap<>(symbolsByResponseId.getOrDefault(exchange, Map.of()));
        for (Listed instrument : listed) {
            if (!SYMBOL.matcher(instrument.symbol()).matches()) {
                continue;
            }
            String other = symbols.get(instrument.responseId());
            if (other != null && !other.equals(instrument.symbol())) {
                continue;
            }
            String oldRequest = requests.put(instrument.symbol(), instrument.requestId());
            if (oldRequest != null) {
                symbols.values().removeIf(instrument.symbol()::equals);
            }
            symbols.put(instrument.responseId(), instrument.symbol());
        }
        Map<String, TreeMap<String, String>> allRequests = new HashMap<>(requestIds);
        Map<String, Map<String, String>> allSymbols = new HashMap<>(symbolsByResponseId);
        allRequests.put(exchange, requests);
        allSymbols.put(exchange, symbols);
        return new InstrumentRegistry(allRequests, allSymbols);
    }

    /** Whether the registry lists {@code symbol} for {@code exchange}. */
    public boolean lists(String exchange, String symbol) {
        return requestIds.getOrDefault(exchange, new TreeMap<>()).containsKey(symbol);
    }

    /**
     * Why {@code symbol} cannot be polled on {@code exchange}, with the listed symbols closest to it:
     * {@code kraken does not list BTC-USTD; close matches: BTC-USD, BTC-USDT}.
     */
    public String notListed(String exchange, String symbol) {
        List<String> close = CloseMatches.of(symbol, requestIds.getOrDefault(exchange, new TreeMap<>()).keySet());
        return exchange + " does not list " + symbol + "; "
                + (close.isEmpty() ? "no close matches" : "close matches: " + String.join(", ", close));
    }

    /** The symbol of the pair the exchange calls {@code responseId} in its responses, if the registry lists it. */
    public Optional<String> symbolForResponse(String exchange, String responseId) {
        return Optional.ofNullable(symbolsByResponseId.getOrDefault(exchange, Map.of()).get(responseId));
    }

    /** Fails, naming every symbol the registry does not list for the exchange and the ones it does. */
    public void requireListed(String exchange, Collection<String> symbols) {
        List<String> unknown = symbols.stream()
                .filter(s -> !requestIds.getOrDefault(exchange, new TreeMap<>()).containsKey(s))
                .toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(unknown(exchange, unknown));
        }
    }

    private String unknown(String exchange, List<String> symbols) {
        TreeMap<String, String> listed = requestIds.get(exchange);
        String known = listed == null
                ? "it lists no instruments for " + exchange + "; exchanges listed: " + new TreeMap<>(requestIds).keySet()
                : "for " + exchange + " it lists " + listed.keySet();
        return "the instrument registry (" + RESOURCE + ") has no " + exchange + " " + String.join(", ", symbols)
                + "; " + known;
    }
}
