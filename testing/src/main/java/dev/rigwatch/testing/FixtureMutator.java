package dev.rigwatch.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Damages real fixtures the way networks, proxies and careless exporters do, for the property tests that fuzz the
 * parsers: flipped bytes, deleted and duplicated spans, swapped digits, and values replaced by the ones parsers get
 * wrong ({@code NaN}, {@code -1}, {@code 1e309}, a huge exponent, a 40-digit number, an empty string, a JSON
 * {@code null}). Plain {@link Random} so that every module's property tests can drive it from jqwik's seeded
 * random without this module depending on jqwik; one copy for all modules.
 */
public final class FixtureMutator {

    /** What replaces a number or a string value: each is a value some parser once read as a price. */
    public static final List<String> NASTY_VALUES = List.of("NaN", "\"NaN\"", "-1", "\"-1\"", "0", "\"0\"", "-0",
            "1e309", "\"1e309\"", "-1e309", "1E+12", "1.000000000001E12", "1e999999999", "\"1e999999999\"",
            "-1e-999999999", "1e-999999999", "0.004", "1234567890123456789012345678901234567890", "9223372036854775808", "99999999999999999", "Infinity",
            "\"Infinity\"", "\"\"", "null", "\"null\"", "[]", "{}", "true", "\" \"", "0x10", "1,5", "١٢٣");

    /** A JSON or CSV number, signed, with fraction and exponent. */
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?");
    /** A double-quoted string without escapes. */
    private static final Pattern QUOTED = Pattern.compile("\"[^\"\\\\]*\"");

    private enum Kind { FLIP_BYTE, DELETE_SPAN, DUPLICATE_SPAN, SWAP_DIGITS, REPLACE_NUMBER, REPLACE_STRING }

    private FixtureMutator() {
    }

    /** Up to {@code maxLength} random bytes. */
    public static byte[] randomBytes(Random random, int maxLength) {
        byte[] bytes = new byte[random.nextInt(maxLength + 1)];
        random.nextBytes(bytes);
        return bytes;
    }

    /** The first {@code length} bytes of {@code fixture} (clamped to its size). */
    public static byte[] prefix(byte[] fixture, int length) {
        return Arrays.copyOf(fixture, Math.max(0, Math.min(length, fixture.length)));
    }

    /** {@code fixture} with one to three random mutations applied, one after the other. */
    public static byte[] mutate(byte[] fixture, Random random) {
        byte[] result = fixture;
        int mutations = 1 + random.nextInt(3);
        for (int i = 0; i < mutations; i++) {
            result = mutateOnce(result, random);
        }
        return result;
    }

    /** {@link #mutate(byte[], Random)} of UTF-8 text, decoded again (invalid sequences become U+FFFD). */
    public static String mutate(String fixture, Random random) {
        return new String(mutate(fixture.getBytes(StandardCharsets.UTF_8), random), StandardCharsets.UTF_8);
    }

    private static byte[] mutateOnce(byte[] bytes, Random random) {
        if (bytes.length == 0) {
            return NASTY_VALUES.get(random.nextInt(NASTY_VALUES.size())).getBytes(StandardCharsets.UTF_8);
        }
        Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
        return switch (kind) {
            case FLIP_BYTE -> flipByte(bytes, random);
            case DELETE_SPAN -> deleteSpan(bytes, random);
            case DUPLICATE_SPAN -> duplicateSpan(bytes, random);
            case SWAP_DIGITS -> swapDigits(bytes, random);
            case REPLACE_NUMBER -> replaceOne(bytes, NUMBER, random);
            case REPLACE_STRING -> replaceOne(bytes, QUOTED, random);
        };
    }

    private static byte[] flipByte(byte[] bytes, Random random) {
        byte[] copy = bytes.clone();
        int at = random.nextInt(copy.length);
        copy[at] = random.nextBoolean() ? (byte) (copy[at] ^ (1 << random.nextInt(8))) : (byte) random.nextInt(256);
        return copy;
    }

    private static byte[] deleteSpan(byte[] bytes, Random random) {
        int from = random.nextInt(bytes.length);
        int to = Math.min(bytes.length, from + 1 + random.nextInt(Math.min(64, bytes.length)));
        byte[] copy = new byte[bytes.length - (to - from)];
        System.arraycopy(bytes, 0, copy, 0, from);
        System.arraycopy(bytes, to, copy, from, bytes.length - to);
        return copy;
    }

    private static byte[] duplicateSpan(byte[] bytes, Random random) {
        int from = random.nextInt(bytes.length);
        int to = Math.min(bytes.length, from + 1 + random.nextInt(Math.min(256, bytes.length)));
        byte[] copy = new byte[bytes.length + (to - from)];
        System.arraycopy(bytes, 0, copy, 0, to);
        System.arraycopy(bytes, from, copy, to, bytes.length - from);
        return copy;
    }

    /** Two digits of the text exchanged: a price or a time that still parses but is wrong. */
    private static byte[] swapDigits(byte[] bytes, Random random) {
        List<Integer> digits = new ArrayList<>();
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] >= '0' && bytes[i] <= '9') {
                digits.add(i);
            }
        }
        if (digits.size() < 2) {
            return flipByte(bytes, random);
        }
        byte[] copy = bytes.clone();
        int a = digits.get(random.nextInt(digits.size()));
        int b = digits.get(random.nextInt(digits.size()));
        byte kept = copy[a];
        copy[a] = copy[b];
        copy[b] = kept;
        return copy;
    }

    /** One match of {@code what}, chosen at random, replaced by one of {@link #NASTY_VALUES}. */
    private static byte[] replaceOne(byte[] bytes, Pattern what, Random random) {
        // ISO-8859-1 maps bytes to chars one to one, so positions and non-UTF-8 bytes survive the round trip
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        List<int[]> matches = new ArrayList<>();
        Matcher m = what.matcher(text);
        while (m.find()) {
            matches.add(new int[] {m.start(), m.end()});
        }
        if (matches.isEmpty()) {
            return flipByte(bytes, random);
        }
        int[] chosen = matches.get(random.nextInt(matches.size()));
        String value = new String(NASTY_VALUES.get(random.nextInt(NASTY_VALUES.size())).getBytes(StandardCharsets.UTF_8),
                StandardCharsets.ISO_8859_1);
        return (text.substring(0, chosen[0]) + value + text.substring(chosen[1])).getBytes(StandardCharsets.ISO_8859_1);
    }
}
