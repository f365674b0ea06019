package dev.rigwatch.ops.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.events.GpuSoldPrice;
import dev.rigwatch.ingest.gpu.TitleNormaliser;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GpuSoldFileTest {

    static final String EBAY = "/data/gpu/ebay-sold-monthly-2021-2023.csv";
    private static final TitleNormaliser NORMALISER = TitleNormaliser.standard();

    @TempDir
    Path dir;

    @Test
    void theEbayIndexImportsEveryRowWithAPriceOfAKnownCardAndReportsTheOthersByLine() throws IOException {
        CollectingSink sink = new CollectingSink();
        new GpuSoldFile(OhlcvFileTest.resource(EBAY), NORMALISER).importTo(sink);

        assertThat(sink.written).hasSize(1_053);
        assertThat(sink.rejected).extracting(BadRow::toString).containsExactly(
                "line 170: \"GeForce GTX 1650 GDDR6\" is not a catalogue model (the title normaliser's nearest is GTX 1650, not certain)",
                "line 316: eBay Price has no price (\"—\")",
                "line 396: eBay Price has no price (\"—\")",
                "line 500: \"GeForce GTX 1650 GDDR6\" is not a catalogue model (the title normaliser's nearest is GTX 1650, not certain)",
                "line 551: eBay Price has no price (\"—\")",
                "line 735: eBay Price has no price (\"—\")",
                "line 749: eBay Price has no price (\"-\")",
                "line 800: QTY Sold \"$175\" is not a whole number",
                "line 824: eBay Price has no price (\"—\")",
                "line 881: eBay Price has no price (\"—\")",
                "line 894: \"GeForce GTX 1650 GDDR6\" is not a catalogue model (the title normaliser's nearest is GTX 1650, not certain)",
                "line 988: eBay Price has no price (\"\")",
                "line 1060: \"GeForce GTX 1650 GDDR6\" is not a catalogue model (the title normaliser's nearest is GTX 1650, not certain)");
        assertThat(sink.rejected).extracting(BadRow::reason).containsOnly(BadRow.MALFORMED, TitleNormaliser.UNKNOWN_MODEL);

        List<GpuSoldPrice> sold = sink.values(GpuSoldPrice.class);
        // 60 names, less the GTX 1650 GDDR6 and the Arc A580 and plain RX 6700, whose one row each has no price;
        // "RTX 3060 12GB" and "RTX 3060" are one card
        assertThat(sold.stream().map(GpuSoldPrice::sourceName).distinct().count()).isEqualTo(57);
        assertThat(sold.stream().map(GpuSoldPrice::model).distinct().count()).isEqualTo(56);
        // a price with none sold is a figure the index published: imported as it is, quantity 0
        assertThat(sold.stream().filter(s -> s.quantitySold() == 0).count()).isEqualTo(3);

        CollectingSink.Written line2 = sink.written.stream().filter(w -> w.line() == 2).findFirst().orElseThrow();
        assertThat(line2.value()).isEqualTo(new GpuSoldPrice(1, "ebay-sold-monthly-2021-2023.csv", "GeForce RTX 3090 Ti",
                "RTX 3090 Ti", "GeForce RTX 30", Instant.parse("2022-04-01T00:00:00Z"),
                Instant.parse("2022-05-01T00:00:00Z"), new BigDecimal("2300"), 66));
        assertThat(line2.key()).isEqualTo("model:RTX 3090 Ti");
        assertThat(line2.time()).isEqualTo(Instant.parse("2022-05-01T00:00:00Z"));
        assertThat(sold.stream().filter(s -> s.sourceName().equals("GeForce RTX 3060 12GB")).map(GpuSoldPrice::model)
                .collect(Collectors.toSet())).containsExactly("RTX 3060");
    }

    @Test
    void monthsAreWrittenInTimeOrderThoughTheIndexSortsThemByName() throws IOException {
        CollectingSink sink = new CollectingSink();
        new GpuSoldFile(OhlcvFileTest.resource(EBAY), NORMALISER).importTo(sink);

        // the file runs April 2022, April 2023, August 2022, ...: each model's months must reach the topic in order
        assertThat(sink.written).extracting(CollectingSink.Written::time).isSorted();
        assertThat(sink.written.get(0).time()).isEqualTo(Instant.parse("2021-11-01T00:00:00Z"));
        assertThat(sink.written.get(sink.written.size() - 1).time()).isEqualTo(Instant.parse("2023-12-01T00:00:00Z"));
        // rows of one month keep their file order
        List<Integer> firstMonthLines = sink.written.stream()
                .filter(w -> w.time().equals(Instant.parse("2021-11-01T00:00:00Z"))).map(CollectingSink.Written::line).toList();
        assertThat(firstMonthLines).isSorted().hasSizeGreaterThan(10);
    }

    @Test
    void aBareQuoteInAnUnquotedNameIsPartOfTheNameAndTheNextRowsKeepTheirLines() throws IOException {
        Path file = dir.resolve("inches.csv");
        Files.writeString(file, """
                GPU,eBay Price,QTY Sold,Month
                RTX 3080,$500,3,April 2022
                RTX 3080 with 27" monitor,$700,1,April 2022
                RTX 3070,$300,2,April 2022
                """);
        CollectingSink sink = new CollectingSink();
        new GpuSoldFile(file, NORMALISER).importTo(sink);

        assertThat(sink.written).extracting(CollectingSink.Written::line).containsExactly(2, 4);
        assertThat(sink.rejected).extracting(BadRow::line, BadRow::raw)
                .containsExactly(org.assertj.core.api.Assertions.tuple(3, "RTX 3080 with 27\" monitor,$700,1,April 2022"));
        assertThat(sink.rejected.get(0).detail()).startsWith("\"RTX 3080 with 27\" monitor\" is not a catalogue model");
    }

    @Test
    void headerNamesPriceFormsAndMonthFormsVary() throws IOException {
        Path file = dir.resolve("sold.csv");
        Files.writeString(file, """
                Model,Average Price,Quantity,Month,Notes
                RTX 3080,1114.50,3,2022-04,x
                Radeon RX 6800,"$1,114",1,Apr 2022,
                Intel Arc A750,$250,"1,204",april 2022,
                GeForce RTX 9999,$1,1,April 2022,
                RTX 3080,$0,1,April 2022,
                RTX 3080,$100,1,Aprel 2022,
                """);
        CollectingSink sink = new CollectingSink();
        new GpuSoldFile(file, NORMALISER).importTo(sink);

        assertThat(sink.values(GpuSoldPrice.class)).extracting(GpuSoldPrice::model, GpuSoldPrice::avgPriceUsd,
                GpuSoldPrice::quantitySold, GpuSoldPrice::periodStart).containsExactly(
                org.assertj.core.api.Assertions.tuple("RTX 3080", new BigDecimal("1114.50"), 3L, Instant.parse("2022-04-01T00:00:00Z")),
                org.assertj.core.api.Assertions.tuple("RX 6800", new BigDecimal("1114"), 1L, Instant.parse("2022-04-01T00:00:00Z")),
                org.assertj.core.api.Assertions.tuple("Arc A750", new BigDecimal("250"), 1204L, Instant.parse("2022-04-01T00:00:00Z")));
        assertThat(sink.rejected).extracting(BadRow::toString).containsExactly(
                "line 5: \"GeForce RTX 9999\" is not a catalogue model (the title normaliser says unknown-model)",
                "line 6: average price must be positive, got 0",
                "line 7: Month \"Aprel 2022\" is not a month like April 2022, Apr 2022 or 2022-04");
    }
}
