package dev.rigwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.bench.BenchResults.MemoryFigures;
import dev.rigwatch.broker.testing.SharedKafka;
import dev.rigwatch.events.TopicNamespace;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The probe's JVM over a tiny pre-loaded input on the shared broker; figures checked for sense, not size. */
class MemoryRunTest {

    @Test
    void theStreamsStageAloneReportsItsHeapAndResidentMemory(@TempDir Path state) {
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        TopicNamespace ns = TopicNamespace.of("benchtest-memory-" + UUID.randomUUID().toString().substring(0, 8));
        Preload.Loaded input = Preload.into(SharedKafka.bootstrapServers(), ns, 8, 2_000, quiet);

        MemoryFigures figures = MemoryRun.measure(SharedKafka.bootstrapServers(), input, state, quiet);

        assertThat(figures.instruments()).isEqualTo(8);
        assertThat(figures.ticks()).isEqualTo(2_000);
        assertThat(figures.heapLimitMiB()).isEqualTo(MemoryRun.HEAP_LIMIT_MIB);
        assertThat(figures.peakLiveHeapMiB()).isPositive().isLessThanOrEqualTo(figures.peakHeapUsedMiB());
        assertThat(figures.peakRssMiB()).isPositive();
        assertThat(figures.seconds()).isPositive();
    }
}
