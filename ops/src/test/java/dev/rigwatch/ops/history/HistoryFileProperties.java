package dev.rigwatch.ops.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.events.Candle;
import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.events.GpuSoldPrice;
import dev.rigwatch.events.ListingObserved;
import dev.rigwatch.ingest.gpu.TitleNormaliser;
import dev.rigwatch.ingest.listing.MsrpFloor;
import dev.rigwatch.ingest.listing.UsdRates;
import dev.rigwatch.ingest.resilience.TickValidator;
import dev.rigwatch.testing.FixtureMutations;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The history importers' file readers on damaged copies of real files: each either reads the file, every row an
 * imported record or a bad row with its reason, or stops with what the import reports for a whole file (an
 * {@link ImportRefusedException}, or for event lines a {@link CharacterCodingException}: text that is not UTF-8,
 * which the import reports as stopped early); and no record it writes carries a price that is not positive or is
 * above the ticks' plausible maximum.
 */
class HistoryFileProperties {

    private static final BigDecimal MAX_PRICE = TickValidator.Settings.DEFAULT_MAX_PRICE;
    private static final TitleNormaliser NORMALISER = TitleNormaliser.standard();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
    private static final ImportOptions ETH = ImportOptions.defaults().withSymbol("ETH-USD");

    /** What importing one file into a {@link CollectingSink} came to. */
    @FunctionalInterface
    private interface Reader {
        void importTo(Path file, CollectingSink sink) throws IOException;
    }

    @Property(tries = 300, seed = FixtureMutations.CI_SEED)
    void ohlcvFiles(@ForAll("ohlcv") byte[] content) {
        check("eth.csv", content, (file, sink) -> new OhlcvFile(file, ETH).importTo(sink));
    }

    @Property(tries = 300, seed = FixtureMutations.CI_SEED)
    void eventLines(@ForAll("events") byte[] content) {
        check("events.jsonl", content, (file, sink) -> new EventLines(file, null).importTo(sink));
    }

    @Property(tries = 300, seed = FixtureMutations.CI_SEED)
    void listingFiles(@ForAll("listings") byte[] content) {
        check("listings.csv", content, (file, sink) -> new ListingFile(file, content.length > 0 && content[0] == '{',
                "import", NORMALISER, UsdRates.defaults(), MsrpFloor.defaults(), CLOCK).importTo(sink));
    }

    @Property(tries = 300, seed = FixtureMutations.CI_SEED)
    void gpuSoldFiles(@ForAll("gpuSold") byte[] content) {
        check("sold.csv", content, (file, sink) -> new GpuSoldFile(file, NORMALISER).importTo(sink));
    }

    @Property(tries = 500, seed = FixtureMutations.CI_SEED)
    void aFirstLineIsAFormatOrRefused(@ForAll("firstLines") String line) {
        try {
            assertThat(FileFormat.detect(line)).isNotNull();
            Statistics.collect("detected");
        } catch (ImportRefusedException e) {
            assertThat(e.getMessage()).isNotBlank();
            Statistics.collect("refused");
        }
    }

    private static void check(String name, byte[] content, Reader reader) {
        Path file = FuzzFiles.write(name, content);
        CollectingSink sink = new CollectingSink();
        try {
            reader.importTo(file, sink);
            Statistics.label("file").collect(sink.written.isEmpty() ? "nothing imported" : "imported");
        } catch (ImportRefusedException e) {
            assertThat(e.getMessage()).isNotBlank();
            Statistics.label("file").collect("refused");
        } catch (CharacterCodingException e) {
            // what HistoryImport reports as stopped early (not UTF-8 past what was read); CSV files refuse it instead
            Statistics.label("file").collect("stopped: not UTF-8");
        } catch (IOException e) {
            throw new AssertionError("reading a local file of " + content.length + " bytes threw " + e, e);
        } finally {
            FuzzFiles.delete(file);
        }
        for (BadRow bad : sink.rejected) {
            assertThat(bad.reason()).isNotBlank();
            assertThat(bad.line()).isPositive();
        }
        for (CollectingSink.Written written : sink.written) {
            assertSound(written.value());
        }
    }

    private static void assertSound(Object value) {
        if (value instanceof Candle candle) {
            for (BigDecimal price : new BigDecimal[] {candle.open(), candle.high(), candle.low(), candle.close()}) {
                assertPlausible(price);
            }
            assertThat(candle.low()).isLessThanOrEqualTo(candle.open().min(candle.close()));
            assertThat(candle.high()).isGreaterThanOrEqualTo(candle.open().max(candle.close()));
            assertThat(candle.windowEnd()).isAfter(candle.windowStart());
        } else if (value instanceof CryptoTick tick) {
            assertPlausible(tick.price());
        } else if (value instanceof ListingObserved listing) {
            assertPlausible(listing.price());
            assertPlausible(listing.priceUsd());
        } else if (value instanceof GpuSoldPrice sold) {
            assertPlausible(sold.avgPriceUsd());
        }
    }

    private static void assertPlausible(BigDecimal price) {
        assertThat(price.signum()).as(price + " is positive").isPositive();
        assertThat(price).isLessThanOrEqualTo(MAX_PRICE);
    }

    @Provide
    Arbitrary<byte[]> ohlcv() {
        return Arbitraries.oneOf(FixtureMutations.of(FuzzFiles.head("/data/history/eth-usd-daily-2015-2021-yahoo.csv", 40)),
                FixtureMutations.of(FuzzFiles.head("/data/history/eth-usd-daily-2017-2024.csv", 12)));
    }

    @Provide
    Arbitrary<byte[]> events() {
        return FixtureMutations.of(String.join("\n", EventLinesTest.TICK, EventLinesTest.CANDLE, EventLinesTest.SOLD)
                .getBytes(StandardCharsets.UTF_8));
    }

    @Provide
    Arbitrary<byte[]> listings() {
        return Arbitraries.oneOf(FixtureMutations.of(FixtureMutations.fixture("feed-listings.csv")),
                FixtureMutations.of(FixtureMutations.fixture("feed-listings.jsonl")));
    }

    @Provide
    Arbitrary<byte[]> gpuSold() {
        return FixtureMutations.of(FuzzFiles.head("/data/gpu/ebay-sold-monthly-2021-2023.csv", 12));
    }

    @Provide
    Arbitrary<String> firstLines() {
        return Arbitraries.oneOf(
                Arbitraries.of(FuzzFiles.head("/data/history/eth-usd-daily-2017-2024.csv", 1),
                        FuzzFiles.head("/data/gpu/ebay-sold-monthly-2021-2023.csv", 1),
                        EventLinesTest.TICK.getBytes(StandardCharsets.UTF_8),
                        FuzzFiles.head("/fixtures/listings/feed-listings.csv", 1))
                        .flatMap(FixtureMutations::of).map(b -> new String(b, StandardCharsets.UTF_8).strip()),
                Arbitraries.strings().ofMaxLength(120));
    }
}
