package dev.rigwatch.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.sun.management.GarbageCollectionNotificationInfo;
import dev.rigwatch.events.Json;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.kafka.ApplicationLag;
import dev.rigwatch.events.kafka.KafkaClients;
import dev.rigwatch.events.kafka.StreamsStage;
import dev.rigwatch.ops.CatchUpProgress;
import dev.rigwatch.ops.reset.ApplicationTopics;
import dev.rigwatch.streams.MarketTopology;
import dev.rigwatch.streams.StreamsSettings;
import dev.rigwatch.streams.TimeMode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import org.apache.kafka.clients.admin.Admin;

/**
 * The memory run's child JVM: the streams stage alone, under the heap limit its parent gave it, over a pre-loaded
 * namespace until caught up. Its own JVM, so that what it measures is the stage's memory and nothing else's (not the
 * embedded broker's, not the alerts stage's). Stdout carries progress lines and, last, one JSON {@link Report}; the
 * logs go to stderr, which the parent keeps in a file.
 *
 * <p>Arguments: bootstrap servers, topic prefix, application id, state directory.
 */
public final class StreamsStageProbe {

    /**
     * @param peakHeapUsedBytes the sum over the heap's pools of each one's peak use (garbage included)
     * @param peakLiveHeapBytes the most heap in use just after a collection, a final full one included
     * @param peakRssBytes      {@code VmHWM} of {@code /proc/self/status}, or -1 where there is none
     * @param seconds           from starting the stage to its having committed the end of its input
     */
    record Report(long peakHeapUsedBytes, long peakLiveHeapBytes, long peakRssBytes, double seconds) {
    }

    private static final Duration LOOK_EVERY = Duration.ofMillis(250);
    /** How long the stage may commit nothing while records are behind before the run gives up. */
    private static final Duration STALL_TIMEOUT = Duration.ofMinutes(5);

    private StreamsStageProbe() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        // a console log appender writing to stdout would mix with the report
        System.setOut(System.err);
        if (args.length != 4) {
            System.err.println("usage: StreamsStageProbe <bootstrap> <topic prefix> <application id> <state dir>");
            System.exit(2);
        }
        try {
            out.println(Json.mapper().writeValueAsString(run(args[0], TopicNamespace.of(args[1]), args[2],
                    Path.of(args[3]), out)));
            out.flush();
            // a client thread left behind must not keep the parent waiting for this JVM
            System.exit(0);
        } catch (RuntimeException | JsonProcessingException e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    static Report run(String bootstrap, TopicNamespace ns, String applicationId, Path stateDir, PrintStream progress) {
        AtomicLong peakLive = watchHeapAfterCollections();
        StreamsSettings settings = StreamsSettings.defaults().withApplicationId(applicationId, stateDir)
                .withTimeMode(TimeMode.STREAM_TIME);
        Clock clock = Clock.systemUTC();
        Set<String> reads = ApplicationTopics.of(MarketTopology.build(settings, ns, clock)).all();
        long started = System.nanoTime();
        double seconds;
        try (Admin admin = Admin.create(KafkaClients.admin(bootstrap));
             StreamsStage stage = MarketTopology.stage(bootstrap, settings, ns, new SimpleMeterRegistry(), clock)) {
            stage.start();
            ApplicationLag.awaitCaughtUp(admin, Map.of(applicationId, reads), LOOK_EVERY, STALL_TIMEOUT,
                    new CatchUpProgress(progress, "streams stage alone:", Bench.PROGRESS_EVERY), () -> false);
            seconds = (System.nanoTime() - started) / 1e9;
            // what the stage still holds once caught up, state and buffers, as one more after-collection figure
            System.gc();
            peakLive.accumulateAndGet(heapSum(MemoryPoolMXBean::getCollectionUsage), Math::max);
        }
        return new Report(heapSum(MemoryPoolMXBean::getPeakUsage), peakLive.get(), peakRss(), seconds);
    }

    /** The most heap in use right after any collection from now on, as the collectors report it. */
    private static AtomicLong watchHeapAfterCollections() {
        Set<String> heapPools = heapPools().stream().map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
        AtomicLong peak = new AtomicLong();
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) collector).addNotificationListener((notification, handback) -> {
                if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    Map<String, MemoryUsage> after = GarbageCollectionNotificationInfo
                            .from((CompositeData) notification.getUserData()).getGcInfo().getMemoryUsageAfterGc();
                    long used = after.entrySet().stream().filter(pool -> heapPools.contains(pool.getKey()))
                            .mapToLong(pool -> pool.getValue().getUsed()).sum();
                    peak.accumulateAndGet(used, Math::max);
                }
            }, null, null);
        }
        return peak;
    }

    private static long heapSum(Function<MemoryPoolMXBean, MemoryUsage> usage) {
        return heapPools().stream().map(usage).filter(Objects::nonNull).mapToLong(MemoryUsage::getUsed).sum();
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    }

    /** The resident set's high-water mark, in bytes; -1 without {@code /proc} (not Linux). */
    static long peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    String[] parts = line.substring("VmHWM:".length()).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024; // in kB
                }
            }
            return -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }
}
