package dev.rigwatch.ingest.exchange;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The listed symbols a mistyped one was probably meant to be: at most two edits away (an edit inserts, deletes or
 * replaces a character, or swaps two neighbours), nearest first, then alphabetically.
 */
final class CloseMatches {

    static final int MAX_EDITS = 2;
    static final int MAX_MATCHES = 5;

    private CloseMatches() {
    }

    static List<String> of(String symbol, Collection<String> listed) {
        return listed.stream()
                .filter(s -> distance(symbol, s) <= MAX_EDITS)
                .sorted(Comparator.comparingInt((String s) -> distance(symbol, s)).thenComparing(s -> s))
                .limit(MAX_MATCHES)
                .toList();
    }

    /** Optimal string alignment distance: Levenshtein plus the swap of two neighbouring characters. */
    static int distance(String a, String b) {
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
