package dev.rigwatch.ops.replay;

import dev.rigwatch.events.TopicNamespace;
import java.time.Instant;
import java.util.Objects;

/**
 * What to replay.
 *
 * @param source  the topic to read: a catalogue topic ({@code crypto.ticks}) or one in a namespace
 *                ({@code sandbox.crypto.ticks})
 * @param from    the first record copied on each partition is the first at or after this time
 * @param to      end, exclusive: on each partition, the first record at or after this time is not copied, nor any
 *                after it
 * @param target  where the copies go: {@code target.of(source)}; {@link TopicNamespace#PRODUCTION} writes back into
 *                the source topic itself (the pipeline)
 * @param speed   pacing by event time
 * @param restart discard the progress of an earlier run of the same replay and start over
 */
public record ReplayRequest(String source, Instant from, Instant to, TopicNamespace target, ReplaySpeed speed,
                            boolean restart) {

    public ReplayRequest {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(speed, "speed");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("--from " + from + " is not before --to " + to);
        }
    }
}
