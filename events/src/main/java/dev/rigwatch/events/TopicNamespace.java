package dev.rigwatch.events;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A set of topics under one name prefix: production uses the catalogue's names ({@link #PRODUCTION}); a backtest or
 * a replay sandbox uses {@code <prefix>crypto.ticks} and so on, so the same topology functions run there unchanged.
 * Every topology function takes one and resolves each catalogue topic through {@link #of(Topic)}.
 */
public record TopicNamespace(String prefix) {

    /** Legal in topic names, and ending in a separator so that names stay readable: {@code bt-2022.crypto.ticks}. */
    private static final Pattern PREFIX = Pattern.compile("([A-Za-z0-9_-]+[.])*");
    public static final TopicNamespace PRODUCTION = new TopicNamespace("");

    public TopicNamespace {
        Objects.requireNonNull(prefix, "prefix");
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("a topic prefix is letters, digits, '_' or '-' ending in '.', e.g. "
                    + "sandbox., got '" + prefix + "'");
        }
    }

    /** {@code sandbox} and {@code sandbox.} both mean the prefix {@code sandbox.}; empty means production. */
    public static TopicNamespace of(String prefix) {
        return prefix == null || prefix.isEmpty() ? PRODUCTION
                : new TopicNamespace(prefix.endsWith(".") ? prefix : prefix + ".");
    }

    /** The catalogue topic as it is named in this namespace. */
    public <K, V> Topic<K, V> of(Topic<K, V> topic) {
        if (prefix.isEmpty()) {
            return topic;
        }
        return new Topic<>(prefix + topic.name(), topic.keySerde(), topic.valueSerde(), topic.partitions(),
                topic.replication(), topic.cleanupPolicy(), topic.retention(), topic.description());
    }

    public boolean isProduction() {
        return prefix.isEmpty();
    }
}
