package dev.rigwatch.events.alert;

import java.util.Locale;
import java.util.Objects;

/**
 * Which subjects a {@link Subscription} watches: {@code all}, one {@code symbol} on any exchange ({@code BTC-USD}),
 * every symbol of one {@code exchange}, one GPU {@code model} ({@code RTX 3090}) or one GPU {@code family}
 * ({@code GeForce RTX 30}: its models and the family's own series). Written {@code kind:value} on the command line.
 */
public record Scope(Kind kind, String value) {

    public enum Kind { ALL, SYMBOL, EXCHANGE, MODEL, FAMILY }

    public static final Scope ALL = new Scope(Kind.ALL, null);

    public Scope {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.ALL) {
            value = null;
        } else if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a " + kind.name().toLowerCase(Locale.ROOT) + " scope needs a value");
        }
    }

    /** Parses {@code all}, {@code symbol:BTC-USD}, {@code exchange:kraken}, {@code model:RTX 3090}, {@code family:...}. */
    public static Scope parse(String text) {
        String trimmed = text.trim();
        if (trimmed.equalsIgnoreCase("all")) {
            return ALL;
        }
        int colon = trimmed.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("a scope is all or kind:value (symbol, exchange, model, family), got " + text);
        }
        Kind kind;
        try {
            kind = Kind.valueOf(trimmed.substring(0, colon).trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown scope kind in " + text + "; use symbol, exchange, model or family");
        }
        return new Scope(kind, trimmed.substring(colon + 1).trim());
    }

    @Override
    public String toString() {
        return kind == Kind.ALL ? "all" : kind.name().toLowerCase(Locale.ROOT) + ":" + value;
    }
}
