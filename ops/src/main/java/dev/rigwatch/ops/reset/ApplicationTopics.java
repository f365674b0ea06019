package dev.rigwatch.ops.reset;

import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;

/**
 * The topics a streams application reads through its consumer group, sorted the way a reset treats them.
 *
 * @param inputs        topics only read: moved to the reset time
 * @param intermediates topics the application writes and reads back (e.g. the GPU statistics the rebound signal
 *                      reads): moved to their end, since reprocessing the inputs writes them again and reading the
 *                      old records too would count them twice
 */
public record ApplicationTopics(Set<String> inputs, Set<String> intermediates) {

    public ApplicationTopics {
        inputs = Collections.unmodifiableSortedSet(new TreeSet<>(inputs));
        intermediates = Collections.unmodifiableSortedSet(new TreeSet<>(intermediates));
    }

    /** Topics an operator names: all of them inputs. */
    public static ApplicationTopics inputs(Collection<String> topics) {
        return new ApplicationTopics(Set.copyOf(topics), Set.of());
    }

    /**
     * The source and sink topics of a topology, without its repartition topics (the reset deletes those). Global
     * stores are left out: their consumer reads its topic whole on every start and keeps no group offsets.
     *
     * @throws IllegalArgumentException when a source subscribes by pattern or a sink picks its topic per record:
     *                                  then the topics cannot be known from the topology and must be named
     */
    public static ApplicationTopics of(Topology topology) {
        Set<String> sources = new TreeSet<>();
        Set<String> sinks = new TreeSet<>();
        for (TopologyDescription.Subtopology subtopology : topology.describe().subtopologies()) {
            for (TopologyDescription.Node node : subtopology.nodes()) {
                if (node instanceof TopologyDescription.Source source) {
                    if (source.topicSet() == null) {
                        throw new IllegalArgumentException("source " + source.name() + " subscribes to the pattern "
                                + source.topicPattern() + ": name the input topics");
                    }
                    source.topicSet().stream().filter(t -> !StreamsReset.isRepartition(t)).forEach(sources::add);
                } else if (node instanceof TopologyDescription.Sink sink) {
                    if (sink.topic() == null) {
                        throw new IllegalArgumentException("sink " + sink.name() + " chooses its topic per record: "
                                + "name the input topics");
                    }
                    sinks.add(sink.topic());
                }
            }
        }
        Set<String> inputs = new TreeSet<>(sources);
        inputs.removeAll(sinks);
        Set<String> intermediates = new TreeSet<>(sources);
        intermediates.retainAll(sinks);
        return new ApplicationTopics(inputs, intermediates);
    }

    public Set<String> all() {
        Set<String> all = new TreeSet<>(inputs);
        all.addAll(intermediates);
        return all;
    }
}
