package dev.rigwatch.ops.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.ingest.gpu.TitleNormaliser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regressions HistoryFileProperties found: rows with absurd prices, and event lines that are not whole candles, were
 * imported. Each is now a bad row with its reason.
 */
class ImportedPricesTest {

    @TempDir
    Path dir;

    @Test
    void aGpuSoldPriceAboveThePlausibleMaximumIsABadRow() throws IOException {
        CollectingSink sink = new CollectingSink();
        new GpuSoldFile(write("sold.csv", "GPU,eBay Price,QTY Sold,Month",
                "GeForce RTX 3090,9223372036854775808,999,April 2022", "GeForce RTX 3090,\"$1,770\",999,May 2022"),
                TitleNormaliser.standard()).importTo(sink);

        assertThat(sink.written).hasSize(1);
        assertThat(sink.rejected).singleElement().extracting(BadRow::detail).asString()
                .endsWith(" 9223372036854775808 is above the plausible maximum 1000000000000");
    }

    @Test
    void anEventLineThatIsNotAWholeSoundCandleOrAPlausibleTickIsABadRow() throws IOException {
        String noStart = EventLinesTest.CANDLE.replaceFirst("\"windowStart\":\"[^\"]*\",", "");
        String hugeTick = EventLinesTest.TICK.replace("\"price\":\"91000.5\"", "\"price\":\"1e309\"");
        CollectingSink sink = new CollectingSink();
        new EventLines(write("events.jsonl", EventLinesTest.CANDLE, noStart, hugeTick), null).importTo(sink);

        assertThat(noStart).isNotEqualTo(EventLinesTest.CANDLE);
        assertThat(sink.written).hasSize(1);
        assertThat(sink.rejected).extracting(BadRow::detail).containsExactly(
                "a candle needs a windowStart before its windowEnd",
                "price 1E+309 is above the plausible maximum 1000000000000");
    }

    private Path write(String name, String... lines) throws IOException {
        return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }
}
