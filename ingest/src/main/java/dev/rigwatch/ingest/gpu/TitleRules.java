package dev.rigwatch.ingest.gpu;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The keyword rules of {@code title-rules.txt} (its header comment documents the format): patterns erased before
 * models are looked for, and patterns that reject a listing with a reason.
 */
public final class TitleRules {

    static final String RESOURCE = "/dev/rigwatch/ingest/gpu/title-rules.txt";
    private static final String IGNORE = "ignore";
    private static final Pattern SPACES = Pattern.compile(" {2,}");

    /**
     * A reject rule: a listing whose normalised title matches {@code pattern} is rejected with {@code reason}.
     * {@code screen} is the pattern without its negative lookbehinds, so it matches wherever the pattern does; it is
     * tried first because a lookbehind is evaluated at every word boundary, which made such a rule 4 to 8 times as
     * slow as one without, and most titles match no rule at all.
     */
    private record Rule(String reason, Pattern pattern, Pattern screen) {
        boolean matches(String normalised) {
            return screen.matcher(normalised).find() && (screen == pattern || pattern.matcher(normalised).find());
        }
    }

    private final List<Pattern> ignored;
    private final List<Rule> rejects;

    private TitleRules(List<Pattern> ignored, List<Rule> rejects) {
        this.ignored = List.copyOf(ignored);
        this.rejects = List.copyOf(rejects);
    }

    /** The rules shipped in this jar. */
    public static TitleRules load() {
        try (InputStream in = TitleRules.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("title rules " + RESOURCE + " are not on the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList(), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read title rules " + RESOURCE, e);
        }
    }

    /** @throws IllegalArgumentException naming {@code source} and the 1-based line number of the first bad line */
    public static TitleRules parse(List<String> lines, String source) {
        List<Pattern> ignored = new ArrayList<>();
        List<Rule> rejects = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int space = line.indexOf(' ');
            if (space < 0) {
                throw new IllegalArgumentException(source + " line " + (i + 1) + ": expected \"<reason> <regex>\", got \"" + line + "\"");
            }
            String reason = line.substring(0, space);
            Pattern pattern;
            try {
                pattern = Pattern.compile(line.substring(space + 1).strip());
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(source + " line " + (i + 1) + ": bad regex: " + e.getDescription(), e);
            }
            if (reason.equals(IGNORE)) {
                ignored.add(pattern);
            } else {
                rejects.add(new Rule(reason, pattern, withoutNegativeLookbehinds(pattern)));
            }
        }
        return new TitleRules(ignored, rejects);
    }

    /**
     * The form every rule and model name is matched against: lower case, punctuation and symbols as single spaces,
     * numbers split from the letters around them ({@code GeForce RTX™ 3080Ti 12GB} → {@code geforce rtx 3080 ti 12 gb}).
     */
    public static String normalise(String text) {
        // One pass instead of three regex replacements: normalising is most of a title's classification time.
        String lower = text.toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(lower.length() + 8);
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            boolean letter = c >= 'a' && c <= 'z';
            boolean digit = c >= '0' && c <= '9';
            int n = out.length();
            if (!letter && !digit) {
                if (n > 0 && out.charAt(n - 1) != ' ') {
                    out.append(' ');
                }
                continue;
            }
            char last = n > 0 ? out.charAt(n - 1) : ' ';
            boolean afterDigit = last >= '0' && last <= '9';
            // Two letters at least, so a100, a4000, p40 and v100 stay whole tokens while rtx3080 splits.
            boolean afterTwoLetters = n > 1 && isLetter(last) && isLetter(out.charAt(n - 2));
            if ((letter && afterDigit) || (digit && afterTwoLetters)) {
                out.append(' ');
            }
            out.append(c);
        }
        int end = out.length();
        return end > 0 && out.charAt(end - 1) == ' ' ? out.substring(0, end - 1) : out.toString();
    }

    private static boolean isLetter(char c) {
        return c >= 'a' && c <= 'z';
    }

    /**
     * {@code regex} with each {@code (?<!...)} group removed: a pattern that matches wherever {@code regex} does, or
     * {@code regex} itself where the groups cannot be removed cleanly.
     */
    static Pattern withoutNegativeLookbehinds(Pattern regex) {
        String source = regex.pattern();
        StringBuilder out = new StringBuilder(source.length());
        int classDepth = 0;
        int skipDepth = 0; // inside a lookbehind being removed: its group depth
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            int end = c == '\\' ? Math.min(i + 2, source.length()) : i + 1;
            if (skipDepth == 0 && classDepth == 0 && source.startsWith("(?<!", i)) {
                skipDepth = 1;
                i += 3;
                continue;
            }
            if (c == '[') {
                classDepth++;
            } else if (c == ']' && classDepth > 0) {
                classDepth--;
            } else if (classDepth == 0 && skipDepth > 0 && c == '(') {
                skipDepth++;
            } else if (classDepth == 0 && skipDepth > 0 && c == ')') {
                skipDepth--;
                continue;
            }
            if (skipDepth == 0) {
                out.append(source, i, end);
            }
            i = end - 1;
        }
        if (out.length() == source.length()) {
            return regex;
        }
        try {
            return Pattern.compile(out.toString());
        } catch (PatternSyntaxException e) {
            return regex; // e.g. a quantified lookbehind: no screen, the rule is only slower
        }
    }

    /** The normalised title with every ignored pattern erased. */
    public String withoutIgnored(String normalised) {
        String s = normalised;
        for (Pattern p : ignored) {
            s = p.matcher(s).replaceAll(" ");
        }
        return SPACES.matcher(s.strip()).replaceAll(" ");
    }

    /** The reason of the first reject rule the normalised title matches. */
    public Optional<String> rejectReason(String normalised) {
        for (Rule rule : rejects) {
            if (rule.matches(normalised)) {
                return Optional.of(rule.reason());
            }
        }
        return Optional.empty();
    }
}
