package dev.rigwatch.ingest.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.events.ListingObserved;
import dev.rigwatch.ingest.listing.ListingIntake;
import dev.rigwatch.ingest.listing.SourceListing;
import dev.rigwatch.ingest.resilience.TickValidator;
import dev.rigwatch.testing.FixtureMutator;
import dev.rigwatch.testing.TestData;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/**
 * The inputs ingest's property tests ({@code *Properties}) feed the parsers, all derived from the real fixtures
 * (see {@link FixtureMutator}): the fixture itself, a prefix of it, a mutation of it, or random bytes; and the one
 * check of a price they all make. One place, so every parser is fuzzed with the same damage.
 */
public final class Fuzzing {

    /** The largest plausible price, the one {@link TickValidator} rejects ticks above: nothing larger is emitted. */
    public static final BigDecimal MAX_PRICE = TickValidator.Settings.DEFAULT_MAX_PRICE;

    private Fuzzing() {
    }

    /** A fixture's bytes exactly as stored. */
    public static byte[] bytes(String fixture) {
        return TestData.fixture(fixture).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Mostly mutations (the damage most likely to get past a parser's first checks), then prefixes, then random
     * bytes, and now and then the fixture untouched so that the happy path stays in the mix.
     */
    public static Arbitrary<byte[]> damaged(byte[] fixture) {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.randomValue(random -> FixtureMutator.mutate(fixture, random))),
                Tuple.of(2, Arbitraries.integers().between(0, fixture.length).map(n -> FixtureMutator.prefix(fixture, n))),
                Tuple.of(1, Arbitraries.randomValue(random -> FixtureMutator.randomBytes(random, 2 * fixture.length))),
                Tuple.of(1, Arbitraries.just(fixture)));
    }

    /** {@link #damaged(byte[])} of a fixture by name. */
    public static Arbitrary<byte[]> damaged(String fixture) {
        return damaged(bytes(fixture));
    }

    /** {@link #damaged(byte[])} as text, decoded as UTF-8 the way the sources decode bodies. */
    public static Arbitrary<String> damagedText(String text) {
        return damaged(text.getBytes(StandardCharsets.UTF_8)).map(b -> new String(b, StandardCharsets.UTF_8));
    }

    /**
     * A listing as the one gate every source passes ({@link ListingIntake}) made it: refused with a reason, or
     * admitted with plausible prices, original and in USD.
     */
    public static String assertAdmittedSoundly(ListingIntake intake, SourceListing listing, String source) {
        ListingIntake.Verdict verdict = intake.admit(listing, source, "fuzz", "poll-1");
        if (verdict instanceof ListingIntake.Refused refused) {
            assertThat(refused.reason()).isNotBlank();
            assertThat(refused.detail()).isNotNull();
            return "refused " + refused.reason();
        }
        ListingObserved observed = ((ListingIntake.Admitted) verdict).observed();
        assertPlausiblePrice("price", observed.price());
        assertPlausiblePrice("priceUsd", observed.priceUsd());
        if (observed.shipping() != null) {
            assertThat(observed.shipping().signum()).as("shipping").isNotNegative();
            assertThat(observed.shippingUsd()).as("shippingUsd").isLessThanOrEqualTo(MAX_PRICE);
        }
        assertThat(intake.rates()).isNotNull();
        assertThat(observed.model()).isNotBlank();
        return "admitted";
    }

    /** A price that made it into an event: positive and not absurd. */
    public static void assertPlausiblePrice(String field, BigDecimal value) {
        assertThat(value).as(field).isNotNull();
        assertThat(value.signum()).as(field + " " + value + " is positive").isPositive();
        assertThat(value).as(field + " is at most " + MAX_PRICE).isLessThanOrEqualTo(MAX_PRICE);
    }
}
