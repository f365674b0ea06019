package dev.rigwatch.ops.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.events.ListingObserved;
import dev.rigwatch.ingest.gpu.TitleNormaliser;
import dev.rigwatch.ingest.listing.MsrpFloor;
import dev.rigwatch.ingest.listing.UsdRates;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListingFileTest {

    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void rowsBecomeTheListingsTheOperatorFeedWouldWriteAndTheOthersAreReportedByLine() throws IOException {
        Path file = dir.resolve("listings.csv");
        Files.writeString(file, """
                listing_id,title,price,currency,shipping,observed_at,url
                a1,EVGA RTX 3080 FTW3 10GB,450.00,EUR,12.5,2024-03-01T10:00:00Z,https://example.com/a1

                a2,"Lot of 4 RTX 3070, mining",900,USD,,2024-03-01T10:00:00Z,
                a3,RTX 3090,-5,USD,,2024-03-01T10:00:00Z,
                a4,RTX 3090,700,XYZ,,2024-03-01T10:00:00Z,
                a5,RTX 3090,700,USD,,last tuesday,
                a6,"RX 6800
                XT",520,USD,,,
                """);
        CollectingSink sink = new CollectingSink();
        new ListingFile(file, false, "import", TitleNormaliser.standard(), UsdRates.defaults(),
                MsrpFloor.defaults(), CLOCK).importTo(sink);

        assertThat(sink.written).extracting(CollectingSink.Written::line, CollectingSink.Written::key,
                CollectingSink.Written::time).containsExactly(
                org.assertj.core.api.Assertions.tuple(2, "feed-import:a1", Instant.parse("2024-03-01T10:00:00Z")),
                org.assertj.core.api.Assertions.tuple(8, "feed-import:a6", NOW));
        ListingObserved a1 = (ListingObserved) sink.written.get(0).value();
        assertThat(a1).isEqualTo(new ListingObserved(1, "feed-import", "a1", "all", "feed-import:all@" + NOW,
                "EVGA RTX 3080 FTW3 10GB", "RTX 3080", "GeForce RTX 30", 1.0, null, false, new BigDecimal("450.00"),
                "EUR", new BigDecimal("12.5"), new BigDecimal("1.16"), new BigDecimal("522.00"), new BigDecimal("14.50"),
                null, null, "https://example.com/a1", null, Instant.parse("2024-03-01T10:00:00Z")));
        assertThat(((ListingObserved) sink.written.get(1).value()).model()).isEqualTo("RX 6800 XT");
        assertThat(sink.rejected).extracting(BadRow::line, BadRow::reason).containsExactly(
                org.assertj.core.api.Assertions.tuple(4, "lot"),
                org.assertj.core.api.Assertions.tuple(5, "invalid-price"),
                org.assertj.core.api.Assertions.tuple(6, "unknown-currency"),
                org.assertj.core.api.Assertions.tuple(7, "malformed-item"));
        assertThat(sink.rejected.get(3).detail()).startsWith("observed_at \"last tuesday\" is not an ISO-8601 time");
        assertThat(sink.rejected.get(0).raw()).isEqualTo("a2,\"Lot of 4 RTX 3070, mining\",900,USD,,2024-03-01T10:00:00Z,");
    }
}
