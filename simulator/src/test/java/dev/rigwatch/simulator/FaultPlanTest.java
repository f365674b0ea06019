package dev.rigwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.rigwatch.simulator.FaultPlan.Fault;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class FaultPlanTest {

    private static final FaultPlan PLAN = FaultPlan.parse("429=0.05,500=0.05,garbage=0.05,slow=0.02,seed=7");

    @Test
    void parsesTheCommandLineForm() {
        assertThat(FaultPlan.parse("429=0.05,500=0.05,garbage=0.05,slow=0.02"))
                .isEqualTo(new FaultPlan(0.05, 0.05, 0.05, 0.02, Duration.ofSeconds(3), 1));
        assertThat(FaultPlan.parse(" slow=0.5 , delay=250ms, seed=42 "))
                .isEqualTo(new FaultPlan(0, 0, 0, 0.5, Duration.ofMillis(250), 42));
        assertThat(FaultPlan.parse("garbage=1,delay=PT2S").slowDelay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(FaultPlan.parse("500=0.1,delay=4s").slowDelay()).isEqualTo(Duration.ofSeconds(4));
        assertThat(FaultPlan.parse("none")).isSameAs(FaultPlan.NONE);
        assertThat(FaultPlan.parse("")).isSameAs(FaultPlan.NONE);
        assertThat(FaultPlan.parse(null)).isSameAs(FaultPlan.NONE);
    }

    @Test
    void printsTheFormItParses() {
        assertThat(PLAN).hasToString("429=0.05,500=0.05,garbage=0.05,slow=0.02,delay=3000ms,seed=7");
        assertThat(FaultPlan.parse(PLAN.toString())).isEqualTo(PLAN);
        assertThat(FaultPlan.NONE).hasToString("none");
    }

    @Test
    void rejectsAMalformedPlanSayingWhatIsWrong() {
        Map<String, String> problems = Map.of(
                "429=2", "fault fraction 429 must be from 0 to 1, was 2.0",
                "404=0.1", "unknown key '404': expected 429, 500, garbage, slow, delay or seed",
                "429=0.6,500=0.6", "fault fractions add up to more than 1: 429=0.6, 500=0.6, garbage=0.0, slow=0.0",
                "slow", "'slow' is not key=value",
                "slow=often", "slow=often is not a number",
                "delay=soon", "delay=soon is not a duration such as 3s, 500ms or PT3S",
                "delay=0s", "the delay of slow answers must be positive, was PT0S",
                "429=0.1,429=0.2", "429 is given twice",
                "seed=1.5", "seed=1.5 is not a whole number");
        problems.forEach((spec, problem) -> assertThatThrownBy(() -> FaultPlan.parse(spec)).as(spec)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid fault plan '" + spec + "': " + problem));
    }

    @Test
    void over1000RequestsEachFaultComesAtAboutItsFraction() {
        for (SimulatedExchange exchange : SimulatedExchange.values()) {
            for (ExchangeApi.Endpoint endpoint : ExchangeApi.Endpoint.values()) {
                String stream = ExchangeApi.faultStream(exchange, endpoint);
                Map<Fault, Integer> counts = new EnumMap<>(Fault.class);
                for (long request = 0; request < 1000; request++) {
                    counts.merge(PLAN.faultOf(stream, request), 1, Integer::sum);
                }
                // about three standard deviations of a 5 % share of 1000
                assertThat(share(counts, Fault.RATE_LIMITED)).as(stream).isCloseTo(0.05, within(0.021));
                assertThat(share(counts, Fault.SERVER_ERROR)).as(stream).isCloseTo(0.05, within(0.021));
                assertThat(share(counts, Fault.GARBAGE)).as(stream).isCloseTo(0.05, within(0.021));
                assertThat(share(counts, Fault.SLOW)).as(stream).isCloseTo(0.02, within(0.013));
                assertThat(share(counts, Fault.NONE)).as(stream).isCloseTo(0.83, within(0.036));
            }
        }
    }

    @Test
    void theSequenceIsTheSameForTheSameSeedAndStreamAndOtherwiseNot() {
        assertThat(sequence(FaultPlan.parse(PLAN.toString()), "kraken ticker"))
                .isEqualTo(sequence(PLAN, "kraken ticker"));
        assertThat(sequence(FaultPlan.parse("429=0.05,500=0.05,garbage=0.05,slow=0.02,seed=8"), "kraken ticker"))
                .isNotEqualTo(sequence(PLAN, "kraken ticker"));
        assertThat(sequence(PLAN, "kraken candles")).isNotEqualTo(sequence(PLAN, "kraken ticker"));
    }

    @Test
    void thePlanWithoutFaultsNeverFails() {
        assertThat(sequence(FaultPlan.NONE, "coinbase ticker")).containsOnly(Fault.NONE);
        assertThat(sequence(FaultPlan.parse("429=1"), "coinbase ticker")).containsOnly(Fault.RATE_LIMITED);
    }

    private static double share(Map<Fault, Integer> counts, Fault fault) {
        return counts.getOrDefault(fault, 0) / 1000.0;
    }

    private static List<Fault> sequence(FaultPlan plan, String stream) {
        return LongStream.range(0, 1000).mapToObj(request -> plan.faultOf(stream, request)).toList();
    }
}
