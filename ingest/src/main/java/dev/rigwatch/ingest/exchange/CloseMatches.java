package dev.rigwatch.ingest.exchange;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The listed symbols a mistyped one most likely meant, for the message that names it: the same assets in the
 * exchange's own codes first ({@code XBT-USD} on Kraken is {@code BTC-USD}), then those at most
 * {@value #MAX_EDITS} edits away (a swap of two neighbours is one edit), nearest and closest in length first.
 */
final class CloseMatches {

    static final int MAX_EDITS = 2;
    static final int MAX_MATCHES = 3;

    private CloseMatches() {
    }

    static List<String> of(String exchange, String wanted, Collection<String> listed) {
        Set<String> matches = new LinkedHashSet<>();
        int dash = wanted.indexOf('-');
        if (dash > 0) {
            AssetCodes.symbol(exchange, wanted.substring(0, dash), wanted.substring(dash + 1))
                    .filter(listed::contains).filter(s -> !s.equals(wanted)).ifPresent(matches::add);
        }
        listed.stream()
                .filter(symbol -> !symbol.equals(wanted))
                .map(symbol -> new Candidate(symbol, edits(wanted, symbol), Math.abs(symbol.length() - wanted.length())))
                .filter(candidate -> candidate.edits() <= MAX_EDITS)
                .sorted(Comparator.comparingInt(Candidate::edits).thenComparingInt(Candidate::lengthDifference)
                        .thenComparing(Candidate::symbol))
                .forEach(candidate -> matches.add(candidate.symbol()));
        return matches.stream().limit(MAX_MATCHES).toList();
    }

    private record Candidate(String symbol, int edits, int lengthDifference) {
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
    static int edits(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
