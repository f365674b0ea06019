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

/**
 * Inputs for the parser properties, made from a real fixture: random bytes, any prefix (truncation), flipped
 * bytes, deleted and duplicated spans, and JSON-aware mutations (a number, bare or quoted, replaced by one of
 * {@link #HOSTILE_VALUES}). Each arbitrary shrinks towards the fixture's own bytes.
 */
public final class FixtureMutations {

    /**
     * The seed every property runs with, so that a build is repeatable: a red run is a bug, never bad luck. To
     * explore other inputs, change it (or remove it from a property) and run the properties locally.
     */
    public static final String CI_SEED = "20261207";

    /** What replaces a number: not numbers, out of range, overflowing, empty, absent. */
    public static final List<String> HOSTILE_VALUES =
            List.of("NaN", "-1", "0", "1e309", "99999999999999999999", "\"\"", "null");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?");

    private FixtureMutations() {
    }

    /** A fixture's bytes as the sources serve them (see {@link TestData#fixture}). */
    public static byte[] fixture(String name) {
        return TestData.fixture(name).getBytes(StandardCharsets.UTF_8);
    }

    /** Every kind of mutation of {@code original}, the JSON-aware ones twice as often (they get deepest). */
    public static Arbitrary<byte[]> of(byte[] original) {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, randomBytes(original.length)),
                net.jqwik.api.Tuple.of(2, truncations(original)),
                net.jqwik.api.Tuple.of(2, byteFlips(original)),
                net.jqwik.api.Tuple.of(1, deletedSpans(original)),
                net.jqwik.api.Tuple.of(1, duplicatedSpans(original)),
                net.jqwik.api.Tuple.of(4, jsonValues(original)));
    }

    /** {@link #of(byte[])} as text (UTF-8, invalid sequences replaced), for parsers that take strings. */
    public static Arbitrary<String> text(byte[] original) {
        return of(original).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    public static Arbitrary<byte[]> randomBytes(int typicalLength) {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(Math.max(16, typicalLength * 2));
    }

    /** Any prefix, the empty one and the whole fixture included. */
    public static Arbitrary<byte[]> truncations(byte[] original) {
        return Arbitraries.integers().between(0, original.length).map(n -> Arrays.copyOf(original, n));
    }

    /** One to eight bytes set to random values. */
    public static Arbitrary<byte[]> byteFlips(byte[] original) {
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

    /** One to three numbers of the text (bare, or inside a string) replaced by hostile values. */
    public static Arbitrary<byte[]> jsonValues(byte[] original) {
        String text = new String(original, StandardCharsets.UTF_8);
        List<int[]> numbers = new ArrayList<>();
        Matcher m = NUMBER.matcher(text);
        while (m.find()) {
            numbers.add(new int[] {m.start(), m.end()});
        }
        if (numbers.isEmpty()) {
            return Arbitraries.just(original);
        }
        Arbitrary<int[]> replacement = Combinators.combine(
                Arbitraries.integers().between(0, numbers.size() - 1),
                Arbitraries.integers().between(0, HOSTILE_VALUES.size() - 1),
                Arbitraries.of(false, true))
                .as((which, value, wholeString) -> new int[] {which, value, wholeString ? 1 : 0});
        return replacement.list().ofMinSize(1).ofMaxSize(3).map(replacements -> {
            // apply from the last position backwards so earlier offsets stay valid; one replacement per number
            String[] values = new String[numbers.size()];
            boolean[] whole = new boolean[numbers.size()];
            for (int[] r : replacements) {
                values[r[0]] = HOSTILE_VALUES.get(r[1]);
                whole[r[0]] = r[2] == 1;
            }
            StringBuilder out = new StringBuilder(text);
            for (int i = numbers.size() - 1; i >= 0; i--) {
                if (values[i] != null) {
                    int start = numbers.get(i)[0];
                    int end = numbers.get(i)[1];
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
