package dev.rigwatch.ingest.exchange;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one place an exchange's asset codes become rigwatch's. Only Kraken needs it: it calls bitcoin XBT and dogecoin
 * XDG, and writes the assets it listed first with an X (crypto) or Z (fiat) prefix ({@code XXBT}, {@code ZUSD}).
 * USDT stays USDT on every exchange: it is a token near one dollar, not the dollar.
 */
public final class AssetCodes {

    /** Kraken's prefixed legacy codes; a newer asset such as SOL, USDT or a 4-letter one has no prefix to strip. */
    private static final Set<String> KRAKEN_PREFIXED = Set.of("XXBT", "XXDG", "XETH", "XETC", "XLTC", "XMLN", "XREP",
            "XXLM", "XXMR", "XXRP", "XZEC", "ZUSD", "ZEUR", "ZGBP", "ZJPY", "ZCAD", "ZAUD", "ZCHF");
    private static final Map<String, String> KRAKEN_NAMES = Map.of("XBT", "BTC", "XDG", "DOGE");

    private AssetCodes() {
    }

    /** rigwatch's code of an exchange's asset code: {@code XXBT} on Kraken is {@code BTC}, on any other exchange XXBT. */
    public static String asset(String exchange, String code) {
        String upper = code.strip().toUpperCase(Locale.ROOT);
        if (!exchange.equals(Exchange.KRAKEN.id())) {
            return upper;
        }
        String unprefixed = KRAKEN_PREFIXED.contains(upper) ? upper.substring(1) : upper;
        return KRAKEN_NAMES.getOrDefault(unprefixed, unprefixed);
    }

    /**
     * rigwatch's symbol of a pair from the exchange's base and quote codes, or empty when they do not make one
     * ({@code ETH2.S}, a staking asset, is not a tradeable {@code BASE-QUOTE}).
     */
    public static Optional<String> symbol(String exchange, String base, String quote) {
        String symbol = asset(exchange, base) + "-" + asset(exchange, quote);
        return Instrument.SYMBOL.matcher(symbol).matches() ? Optional.of(symbol) : Optional.empty();
    }
}
