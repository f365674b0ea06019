package dev.rigwatch.events.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GpuCatalogueTest {

    private static final String HEADER = GpuCatalogue.HEADER;

    @Test
    void shippedCatalogueLoadsEveryRowWithPositivePricesAndUniqueNames() {
        List<GpuModel> models = GpuCatalogue.load().models();

        assertThat(models).hasSize(126);
        assertThat(models).extracting(GpuModel::model).doesNotHaveDuplicates();
        assertThat(models).allSatisfy(m -> {
            assertThat(m.launchMsrpUsd()).isPositive();
            assertThat(m.vramGb()).isPositive();
            assertThat(m.powerW()).isPositive();
        });
        assertThat(models).extracting(GpuModel::vendor).containsOnly("NVIDIA", "AMD", "Intel");
    }

    @Test
    void rowsAreParsedExactly() {
        GpuCatalogue catalogue = GpuCatalogue.load();

        assertThat(catalogue.find("RTX 3080 12GB")).contains(new GpuModel("NVIDIA", "RTX 3080 12GB", "GeForce RTX 30", 12,
                new BigDecimal("799"), YearMonth.of(2022, 1), Optional.of(new BigDecimal("100")), 350));
        assertThat(catalogue.find("RTX 4090").orElseThrow().ethHashrateMhs()).isEmpty();
        assertThat(catalogue.find("RTX 9999")).isEmpty();
    }

    @Test
    void malformedLinesAreRejectedWithTheirLineNumber() {
        assertBadLine(List.of("# comment", HEADER, "NVIDIA,RTX 3080,GeForce RTX 30,10,699,2020-09,97"),
                "gpus.csv line 3: expected 8 fields, got 7: \"NVIDIA,RTX 3080,GeForce RTX 30,10,699,2020-09,97\"");
        assertBadLine(List.of(HEADER, "NVIDIA,RTX 3080,GeForce RTX 30,10,seven hundred,2020-09,97,320"),
                "gpus.csv line 2: Character s is neither a decimal digit number, decimal point, nor \"e\" notation exponential mark.: \"NVIDIA,RTX 3080,GeForce RTX 30,10,seven hundred,2020-09,97,320\"");
        assertBadLine(List.of(HEADER, "NVIDIA,RTX 3080,GeForce RTX 30,10,0,2020-09,97,320"),
                "gpus.csv line 2: RTX 3080: launch MSRP must be positive, got 0");
        assertBadLine(List.of(HEADER, "NVIDIA,RTX 3080,GeForce RTX 30,10,699,,97,320"),
                "gpus.csv line 2: column launch_date is empty");
        assertBadLine(List.of(HEADER, "NVIDIA,RTX 3080,GeForce RTX 30,10,699,2020-09,97,320",
                        "NVIDIA,RTX 3080,GeForce RTX 30,10,699,2020-09,97,320"),
                "gpus.csv line 3: model \"RTX 3080\" is listed twice");
        assertBadLine(List.of("vendor,model", "NVIDIA,RTX 3080"),
                "gpus.csv line 1: expected the header \"" + HEADER + "\", got \"vendor,model\"");
    }

    private static void assertBadLine(List<String> lines, String message) {
        assertThatThrownBy(() -> GpuCatalogue.parse(lines, "gpus.csv"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }
}
