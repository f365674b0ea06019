package dev.rigwatch.events.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.events.Json;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsoInstantsTest {

    private static final long YEAR_10000 = Instant.parse("+10000-01-01T00:00:00Z").getEpochSecond();

    @Test
    void writesExactlyWhatTheJdkWritesAndReadsItBack() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            long seconds = random.nextLong(-YEAR_10000, 2 * YEAR_10000);
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nano);
            String text = IsoInstants.format(instant);
            assertThat(text).isEqualTo(instant.toString());
            Instant back = IsoInstants.parse(text);
            if (back != null) {
                assertThat(back).isEqualTo(instant);
            } else {
                assertThat(instant.toString()).as("only what it does not write is left to the JDK")
                        .satisfiesAnyOf(t -> assertThat(t).startsWith("-"), t -> assertThat(t).startsWith("+"));
            }
        }
    }

    @Test
    void readsEveryFractionLengthAndTheEdgesOfTheCalendar() {
        for (String text : List.of("2026-12-06T22:59:41Z", "2026-12-06T22:59:41.1Z", "2026-12-06T22:59:41.12Z",
                "2026-12-06T22:59:41.1234Z", "2026-12-06T22:59:41.123456789Z", "2024-02-29T00:00:00Z",
                "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z")) {
            assertThat(IsoInstants.parse(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void leavesEveryOtherShapeToTheJdk() {
        for (String text : List.of("2026-12-06T22:59:41+01:00", "2026-12-06 22:59:41Z", "2026-13-06T22:59:41Z",
                "2023-02-29T00:00:00Z", "2026-12-06T24:00:00Z", "2026-12-06T22:59:41.Z", "2026-12-06T22:59:41.1234567890Z",
                "2026-12-06T22:5x:41Z", "garbage")) {
            assertThat(IsoInstants.parse(text)).as(text).isNull();
        }
    }

    @Test
    void theMapperReadsTheFastShapeAndStillEveryShapeItReadBefore() throws Exception {
        assertThat(Json.mapper().writeValueAsString(Instant.parse("2026-12-06T22:59:41.150Z")))
                .isEqualTo("\"2026-12-06T22:59:41.150Z\"");
        assertThat(Json.mapper().readValue("\"2026-12-06T22:59:41.150Z\"", Instant.class))
                .isEqualTo(Instant.parse("2026-12-06T22:59:41.150Z"));
        assertThat(Json.mapper().readValue("\"2026-12-06T23:59:41+01:00\"", Instant.class))
                .isEqualTo(Instant.parse("2026-12-06T22:59:41Z"));
        assertThat(Json.mapper().readValue("1765061981.150000000", Instant.class))
                .isEqualTo(Instant.ofEpochSecond(1765061981L, 150_000_000));
    }
}
