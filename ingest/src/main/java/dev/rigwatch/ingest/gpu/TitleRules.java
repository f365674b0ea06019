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
    private static final Pattern DIGITS_THEN_LETTERS = Pattern.compile("(?<=\\d)(?=[a-z])");
    // Two letters at least, so a100, a4000, p40 and v100 stay whole tokens while rtx3080 splits.
    private static final Pattern LETTERS_THEN_DIGITS = Pattern.compile("(?<=[a-z]{2})(?=\\d)");
    private static final Pattern NOT_ALPHANUMERIC = Pattern.compile("[^a-z0-9]+");

    /** A reject rule: a listing whose normalised title matches {@code pattern} is rejected with {@code reason}. */
    private record Rule(String reason, Pattern pattern) {}

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
                rejects.add(new Rule(reason, pattern));
            }
        }
        return new TitleRules(ignored, rejects);
    }

    /**
     * The form every rule and model name is matched against: lower case, punctuation and symbols as single spaces,
     * numbers split from the letters around them ({@code GeForce RTX™ 3080Ti 12GB} → {@code geforce rtx 3080 ti 12 gb}).
     */
    public static String normalise(String text) {
        String s = NOT_ALPHANUMERIC.matcher(text.toLowerCase(Locale.ROOT)).replaceAll(" ");
        s = DIGITS_THEN_LETTERS.matcher(s).replaceAll(" ");
        s = LETTERS_THEN_DIGITS.matcher(s).replaceAll(" ");
        return s.strip();
    }

    /** The normalised title with every ignored pattern erased. */
    public String withoutIgnored(String normalised) {
        String s = normalised;
        for (Pattern p : ignored) {
            s = p.matcher(s).replaceAll(" ");
        }
        return s.strip().replaceAll(" +", " ");
    }

    /** The reason of the first reject rule the normalised title matches. */
    public Optional<String> rejectReason(String normalised) {
        return rejects.stream().filter(r -> r.pattern().matcher(normalised).find()).map(Rule::reason).findFirst();
    }
}
