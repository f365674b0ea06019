package dev.rigwatch.ops.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.events.Candle;
import dev.rigwatch.testing.FixtureMutations;
import dev.rigwatch.testing.TestData;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The OHLCV importer on mutations of the first 40 lines of the real ETH history: it imports, rejects rows as
 * {@link BadRow}s or refuses the file ({@link ImportRefusedException}), nothing else; every candle written has
 * positive prices with open and close within low and high, and no price above 10^12 (the tick validator's maximum).
 */
class OhlcvFileProperties {

    private static final BigDecimal MAX_PRICE = new BigDecimal("1E+12");
    private static final byte[] HEAD = head(TestData.text(OhlcvFileTest.YAHOO), 40);

    @Property(seed = FixtureMutations.CI_SEED)
    void mutatedHistoryImportsRejectsOrRefusesAndEveryCandleIsSane(@ForAll("files") byte[] content) throws IOException {
        Path file = Files.createTempFile("ohlcv-fuzz", ".csv");
        try {
            Files.write(file, content);
            CollectingSink sink = new CollectingSink();
            try {
                new OhlcvFile(file, ImportOptions.defaults().withSymbol("ETH-USD")).importTo(sink);
            } catch (ImportRefusedException refused) {
                assertThat(refused.getMessage()).isNotBlank();
                return;
            }
            for (CollectingSink.Written written : sink.written) {
                Candle c = (Candle) written.value();
                for (BigDecimal price : new BigDecimal[] {c.open(), c.high(), c.low(), c.close()}) {
                    assertThat(price).isPositive().isLessThanOrEqualTo(MAX_PRICE);
                }
                assertThat(c.low()).isLessThanOrEqualTo(c.open().min(c.close()));
                assertThat(c.high()).isGreaterThanOrEqualTo(c.open().max(c.close()));
            }
            for (BadRow row : sink.rejected) {
                assertThat(row.reason()).isNotBlank();
            }
        } finally {
            Files.delete(file);
        }
    }

    @Provide
    Arbitrary<byte[]> files() {
        return FixtureMutations.of(HEAD);
    }

    private static byte[] head(String text, int lines) {
        String[] all = text.split("\n", -1);
        return String.join("\n", Arrays.copyOf(all, Math.min(lines, all.length))).getBytes(StandardCharsets.UTF_8);
    }
}
