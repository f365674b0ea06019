package dev.rigwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.rigwatch.simulator.WsFaultPlan.Fault;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class WsFaultPlanTest {

    private static final WsFaultPlan PLAN =
            WsFaultPlan.parse("drop=0.01,silent=0.005,malformed=0.01,reorder=0.01,skip=0.02,seed=7");

    @Test
    void parsesTheCommandLineFormAndPrintsItBack() {
        assertThat(PLAN).isEqualTo(new WsFaultPlan(0.01, 0.005, 0.01, 0.01, 0.02, 7));
        assertThat(WsFaultPlan.parse(" malformed=0.5 ")).isEqualTo(new WsFaultPlan(0, 0, 0.5, 0, 0, 1));
        assertThat(WsFaultPlan.parse(PLAN.toString())).isEqualTo(PLAN);
        assertThat(WsFaultPlan.parse("none")).isSameAs(WsFaultPlan.NONE);
        assertThat(WsFaultPlan.parse("")).isSameAs(WsFaultPlan.NONE);
        assertThat(WsFaultPlan.NONE).hasToString("none");
    }

    @Test
    void rejectsAMalformedPlanSayingWhatIsWrong() {
        Map<String, String> problems = Map.of(
                "drop=2", "WebSocket fault fraction drop must be from 0 to 1, was 2.0",
                "slow=0.1", "unknown key 'slow': expected drop, silent, malformed, reorder, skip or seed",
                "drop=0.6,silent=0.6", "WebSocket fault fractions add up to more than 1",
                "drop", "'drop' is not key=value",
                "drop=often", "drop=often is not a number",
                "drop=0.1,drop=0.2", "drop is given twice",
                "seed=x", "seed=x is not a whole number");
        problems.forEach((spec, problem) -> assertThatThrownBy(() -> WsFaultPlan.parse(spec))
                .as(spec).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid WebSocket fault plan '" + spec + "': " + problem));
    }

    @Test
    void drawsEachFaultInItsShareSeededPerExchangeAndConnection() {
        Map<Fault, Long> counts = new EnumMap<>(Fault.class);
        LongStream.range(0, 200_000).forEach(n -> counts.merge(PLAN.faultOf("kraken", 3, n), 1L, Long::sum));

        assertThat(counts.get(Fault.DROP) / 200_000.0).isCloseTo(0.01, within(0.002));
        assertThat(counts.get(Fault.SILENT) / 200_000.0).isCloseTo(0.005, within(0.002));
        assertThat(counts.get(Fault.MALFORMED) / 200_000.0).isCloseTo(0.01, within(0.002));
        assertThat(counts.get(Fault.REORDER) / 200_000.0).isCloseTo(0.01, within(0.002));
        assertThat(counts.get(Fault.SKIP) / 200_000.0).isCloseTo(0.02, within(0.002));
        assertThat(LongStream.range(0, 1000).mapToObj(n -> PLAN.faultOf("kraken", 3, n)).toList())
                .isEqualTo(LongStream.range(0, 1000).mapToObj(n -> PLAN.faultOf("kraken", 3, n)).toList())
                .isNotEqualTo(LongStream.range(0, 1000).mapToObj(n -> PLAN.faultOf("kraken", 4, n)).toList());
        assertThat(WsFaultPlan.NONE.faultOf("kraken", 0, 0)).isEqualTo(Fault.NONE);
    }
}
