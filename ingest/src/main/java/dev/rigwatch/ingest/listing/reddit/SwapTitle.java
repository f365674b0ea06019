package dev.rigwatch.ingest.listing.reddit;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An r/hardwareswap title, {@code [USA-CA] [H] what the poster has [W] what they want}, in its parts; either of
 * {@code [H]} and {@code [W]} may come first.
 *
 * @param location the tag before {@code [H]} and {@code [W]} without its brackets ({@code USA-CA}), or null
 * @param have     the text after {@code [H]}
 * @param want     the text after {@code [W]}
 */
record SwapTitle(String location, String have, String want) {

    private static final Pattern HAVE = Pattern.compile("\\[h\\](.*?)(?=\\[w\\]|$)", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern WANT = Pattern.compile("\\[w\\](.*?)(?=\\[h\\]|$)", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern TAG = Pattern.compile("\\[\\s*([^\\[\\]]+?)\\s*\\]");

    /** The title's parts, or empty when it lacks an {@code [H]} or a {@code [W]} part. */
    static Optional<SwapTitle> parse(String title) {
        Matcher have = HAVE.matcher(title);
        Matcher want = WANT.matcher(title);
        if (!have.find() || !want.find()) {
            return Optional.empty();
        }
        Matcher tag = TAG.matcher(title.substring(0, Math.min(have.start(), want.start())));
        String location = tag.find() ? tag.group(1) : null;
        return Optional.of(new SwapTitle(location, have.group(1).strip(), want.group(1).strip()));
    }
}
