package dev.rigwatch.ingest.listing.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A regression FeedReaderProperties found: a JSON number with a huge exponent took hours to read. */
class FeedReaderTest {

    @Test
    @Timeout(5)
    void aJsonNumberWithAHugeExponentIsReadAsItIsWrittenNotAsABillionDigits() throws Exception {
        // its plain digits were written out (toPlainString) and parsed again as the price: a billion of them
        FeedReader.Read read = FeedReader.read(
                "{\"listing_id\":\"a1\",\"title\":\"RTX 3080\",\"price\":1e999999999,\"listed_at\":1700834400}",
                OperatorFeedSettings.Format.JSON_LINES);

        assertThat(read.rows()).singleElement().satisfies(row -> {
            assertThat(row.values()).containsEntry("price", "1E+999999999").containsEntry("listed_at", "1700834400");
            assertThat(row.toListing(Instant.EPOCH).price()).isEqualByComparingTo("1e999999999");
        });
    }
}
