package dev.rigwatch.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Inputs for the parser properties of every module, made from a real fixture the way networks, proxies and careless
 * exporters damage files: random bytes, any prefix (truncation), flipped bytes, deleted and duplicated spans,
 * swapped digits, and JSON/CSV-aware mutations (a number, bare or quoted, or a quoted string replaced by one of
 * {@link #HOSTILE_VALUES}); now and then the fixture itself, so the happy path stays in the mix. Each arbitrary
 * shrinks towards the fixture's own bytes. One copy, for the properties of ingest and ops.
 */
public final class FixtureMutations {

    /**
     * The seed every property runs with, so that a build is repeatable: a red run is a bug, never bad luck. To
     * explore other inputs, change it (or remove it from a property) and run the properties locally.
     */
    public static final String CI_SEED = "20261207";

    /**
     * What replaces a number or a string value: not numbers, out of range, overflowing, huge exponents (whose plain
     * text is a billion digits), below a cent, empty, absent, of the wrong JSON type; each a value some parser once
     * read as a price.
     */
    public static final List<String> HOSTILE_VALUES = List.of("NaN", "\"NaN\"", "-1", "\"-1\"", "0", "\"0\"", "-0",
            "1e309", "\"1e309\"", "-1e309", "1E+12", "1.000000000001E12", "1e999999999", "\"1e999999999\"",
            "-1e-999999999", "1e-999999999", "0.004", "99999999999999999999",
            "1234567890123456789012345678901234567890", "9223372036854775808", "99999999999999999", "Infinity",
            "\"Infinity\"", "\"\"", "null", "\"null\"", "[]", "{}", "true", "\" \"", "0x10", "1,5", "١٢٣");
    /** A JSON or CSV number, signed, with fraction and exponent. */
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?");
    /** A double-quoted string without escapes. */
    private static final Pattern QUOTED = Pattern.compile("\"[^\"\\\\]*\"");

    private FixtureMutations() {
    }

    /** A fixture's bytes as the sources serve them (see {@link TestData#fixture}). */
    public static byte[] fixture(String name) {
        return TestData.fixture(name).getBytes(StandardCharsets.UTF_8);
    }

    /** Every kind of mutation of {@code original}, the value-aware ones most often (they get deepest). */
    public static Arbitrary<byte[]> of(byte[] original) {
        return Arbitraries.frequencyOf(
                Tuple.of(1, randomBytes(original.length)),
                Tuple.of(2, truncations(original)),
                Tuple.of(2, byteFlips(original)),
                Tuple.of(1, deletedSpans(original)),
                Tuple.of(1, duplicatedSpans(original)),
                Tuple.of(1, swappedDigits(original)),
                Tuple.of(3, numberValues(original)),
                Tuple.of(1, stringValues(original)),
                Tuple.of(1, Arbitraries.just(original)));
    }

    /** {@link #of(byte[])} as text (UTF-8, invalid sequences replaced), for parsers that take strings. */
    public static Arbitrary<String> text(byte[] original) {
        return of(original).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    /** {@link #text(byte[])} of a text (a title, a file's content) rather than of a fixture's bytes. */
    public static Arbitrary<String> ofText(String original) {
        return text(original.getBytes(StandardCharsets.UTF_8));
    }

    public static Arbitrary<byte[]> randomBytes(int typicalLength) {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(Math.max(16, typicalLength * 2));
    }

    /** Any prefix, the empty one and the whole fixture included. */
    public static Arbitrary<byte[]> truncations(byte[] original) {
        return Arbitraries.integers().between(0, original.length).map(n -> prefix(original, n));
    }

    /** The first {@code length} bytes of {@code original} (clamped to its size), a body cut off there. */
    public static byte[] prefix(byte[] original, int length) {
        return Arrays.copyOf(original, Math.max(0, Math.min(length, original.length)));
    }

    /** One to eight bytes set to random values. */
    public static Arbitrary<byte[]> byteFlips(byte[] original) {
        if (original.length == 0) {
            return randomBytes(0);
        }
        Arbitrary<int[]> flip = Combinators.combine(
                Arbitraries.integers().between(0, original.length - 1), Arbitraries.integers().between(0, 255))
                .as((at, value) -> new int[] {at, value});
        return flip.list().ofMinSize(1).ofMaxSize(8).map(flips -> {
            byte[] copy = original.clone();
            for (int[] f : flips) {
                copy[f[0]] = (byte) f[1];
            }
            return copy;
        });
    }

    public static Arbitrary<byte[]> deletedSpans(byte[] original) {
        return spans(original).map(span -> {
            byte[] out = new byte[original.length - (span[1] - span[0])];
            System.arraycopy(original, 0, out, 0, span[0]);
            System.arraycopy(original, span[1], out, span[0], original.length - span[1]);
            return out;
        });
    }

    public static Arbitrary<byte[]> duplicatedSpans(byte[] original) {
        return spans(original).map(span -> {
            int length = span[1] - span[0];
            byte[] out = new byte[original.length + length];
            System.arraycopy(original, 0, out, 0, span[1]);
            System.arraycopy(original, span[0], out, span[1], original.length - span[0]);
            return out;
        });
    }

    /** One to three pairs of digits exchanged: a price or a time that still parses but is wrong. */
    public static Arbitrary<byte[]> swappedDigits(byte[] original) {
        List<Integer> digits = new ArrayList<>();
        for (int i = 0; i < original.length; i++) {
            if (original[i] >= '0' && original[i] <= '9') {
                digits.add(i);
            }
        }
        if (digits.size() < 2) {
            return byteFlips(original);
        }
        Arbitrary<Integer> digit = Arbitraries.integers().between(0, digits.size() - 1);
        return Combinators.combine(digit, digit).as((a, b) -> new int[] {digits.get(a), digits.get(b)})
                .list().ofMinSize(1).ofMaxSize(3).map(swaps -> {
                    byte[] copy = original.clone();
                    for (int[] swap : swaps) {
                        byte kept = copy[swap[0]];
                        copy[swap[0]] = copy[swap[1]];
                        copy[swap[1]] = kept;
                    }
                    return copy;
                });
    }

    /** One to three numbers of the text (bare, or inside a string) replaced by hostile values. */
    public static Arbitrary<byte[]> numberValues(byte[] original) {
        return replaced(original, NUMBER, true);
    }

    /** One to three quoted strings of the text (keys included) replaced by hostile values. */
    public static Arbitrary<byte[]> stringValues(byte[] original) {
        return replaced(original, QUOTED, false);
    }

    private static Arbitrary<byte[]> replaced(byte[] original, Pattern what, boolean mayTakeQuotes) {
        String text = new String(original, StandardCharsets.UTF_8);
        List<int[]> matches = new ArrayList<>();
        Matcher m = what.matcher(text);
        while (m.find()) {
            matches.add(new int[] {m.start(), m.end()});
        }
        if (matches.isEmpty()) {
            return byteFlips(original);
        }
        Arbitrary<int[]> replacement = Combinators.combine(
                Arbitraries.integers().between(0, matches.size() - 1),
                Arbitraries.integers().between(0, HOSTILE_VALUES.size() - 1),
                Arbitraries.of(false, true))
                .as((which, value, wholeString) -> new int[] {which, value, wholeString ? 1 : 0});
        return replacement.list().ofMinSize(1).ofMaxSize(3).map(replacements -> {
            // apply from the last position backwards so earlier offsets stay valid; one replacement per match
            String[] values = new String[matches.size()];
            boolean[] whole = new boolean[matches.size()];
            for (int[] r : replacements) {
                values[r[0]] = HOSTILE_VALUES.get(r[1]);
                whole[r[0]] = mayTakeQuotes && r[2] == 1;
            }
            StringBuilder out = new StringBuilder(text);
            for (int i = matches.size() - 1; i >= 0; i--) {
                if (values[i] != null) {
                    int start = matches.get(i)[0];
                    int end = matches.get(i)[1];
                    if (whole[i] && start > 0 && end < text.length() && text.charAt(start - 1) == '"'
                            && text.charAt(end) == '"') {
                        start--; // "123.4" -> null, not "null"
                        end++;
                    }
                    out.replace(start, end, values[i]);
                }
            }
            return out.toString().getBytes(StandardCharsets.UTF_8);
        });
    }

    private static Arbitrary<int[]> spans(byte[] original) {
        return Combinators.combine(Arbitraries.integers().between(0, original.length),
                        Arbitraries.integers().between(0, original.length))
                .as((a, b) -> new int[] {Math.min(a, b), Math.max(a, b)});
    }
}
