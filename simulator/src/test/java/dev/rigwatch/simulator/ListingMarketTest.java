package dev.rigwatch.simulator;

import dev.rigwatch.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.rigwatch.simulator.SimulatedListing.Kind;
import dev.rigwatch.simulator.SimulatedListing.Venue;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The scripted used-GPU market, asked through its own truth API: numbers fixed by the default seed. */
class ListingMarketTest {

    private static final Instant REAL_NOW = Instant.parse("2026-11-25T12:00:00Z");
    /** Where simulated time starts: the top of a cycle, a day behind the wall clock. */
    private static final Instant HOUR = Instant.parse("2026-11-24T12:00:00Z");
    private static final Instant OPENED = Instant.parse("2026-11-23T12:00:00Z");
    private static final String RTX_3090 = "RTX 3090";

    private static final Pattern HARDWARESWAP_TITLE =
            Pattern.compile("\\[USA-[A-Z]{2}] \\[H] .+ \\[W] PayPal(, Local Cash|, Cash)?");
    /** A number of cards, not MSI's Ventus 2X. */
    private static final Pattern CARD_COUNT = Pattern.compile("\\b\\dx (rtx|rx|a100)");
    private static final Pattern JUNK_WORDS = Pattern.compile("parts|box only|laptop|lot of|bundle|"
            + CARD_COUNT.pattern());

    // What the default seed draws, read from the market and pinned so that a change to the script shows.
    private static final int DAY_LISTINGS = 10_017;
    private static final long EBAY_LISTINGS = 7_506;
    private static final long HARDWARESWAP_LISTINGS = 2_511;
    private static final long USD_LISTINGS = 9_652;
    private static final long EUR_LISTINGS = 230;
    private static final long GBP_LISTINGS = 135;
    private static final int WANTED_POSTS = 293;
    private static final int STEADY_3090_OPEN = 13;
    private static final int FLOOD_3090_OPEN = 63;
    private static final BigDecimal STEADY_3090_MEDIAN = new BigDecimal("826.99");
    private static final BigDecimal FLOOD_3090_MEDIAN = new BigDecimal("673.99");
    private static final double STEADY_PER_MINUTE = 73 / 15.0;
    private static final double FLOOD_PER_MINUTE = 334 / 25.0;
    private static final double SQUEEZE_PER_MINUTE = 27 / 20.0;
    private static final Integer[] OPEN_38_TO_58 = {391, 404, 275, 90, 11, 11};
    private static final double FLOOD_FACTOR = 0.8009;
    private static final double HIGH_VRAM_FACTOR = 1.0524;
    private static final double OTHERS_FACTOR = 0.8087;
    private static final double OTHERS_LATER_FACTOR = 1.0452;

    // The market is immutable truth, so the tests share one and draw its first day once.
    private static final SimulatedClock CLOCK = new SimulatedClock(new MutableClock(REAL_NOW), HOUR, 60);
    private static final ListingMarket MARKET = ListingMarket.defaults(CLOCK);
    /** Every listing of the market's first day, from its opening to the clock's start. */
    private static final List<SimulatedListing> DAY = MARKET.listingsCreated(OPENED, HOUR);

    @Test
    void opensADayBeforeTheClockStartsAndHasNothingEarlier() {
        assertThat(MARKET.openedAt()).isEqualTo(OPENED);
        assertThat(MARKET.listingsCreated(OPENED.minus(Duration.ofHours(2)), OPENED)).isEmpty();
        assertThat(MARKET.openListings(OPENED)).isEmpty();
        assertThat(DAY.get(0).createdAt()).isBetween(OPENED, OPENED.plusSeconds(59));
        assertThat(DAY).hasSize(DAY_LISTINGS);
    }

    @Test
    void theSameSeedDrawsTheSameListingsInWhateverOrderMinutesAreAskedAndAnotherSeedOthers() {
        ListingMarket again = ListingMarket.defaults(CLOCK);
        Instant flood = at(38);
        List<SimulatedListing> openFirst = again.openListings(flood);
        assertThat(openFirst).isEqualTo(MARKET.openListings(flood));
        assertThat(again.listingsCreated(OPENED, HOUR)).isEqualTo(DAY);

        ListingMarket other = new ListingMarket(CLOCK, 7, SimulatedGpu.defaults());
        assertThat(other.openListings(flood)).isNotEqualTo(openFirst);
    }

    @Test
    void listingsAreNumberedInCreationOrderAndCarryTheirVenuesIds() {
        for (int i = 1; i < DAY.size(); i++) {
            assertThat(DAY.get(i).serial()).isGreaterThan(DAY.get(i - 1).serial());
            assertThat(DAY.get(i).createdAt()).isAfterOrEqualTo(DAY.get(i - 1).createdAt());
        }
        SimulatedListing first = DAY.get(0);
        assertThat(first.serial() / 1000).isEqualTo(OPENED.getEpochSecond() / 60);
        for (SimulatedListing listing : DAY) {
            if (listing.venue() == Venue.EBAY) {
                assertThat(listing.id()).isEqualTo("v1|" + listing.legacyItemId() + "|0");
                assertThat(listing.legacyItemId()).hasSize(12);
            } else {
                assertThat(Long.parseLong(listing.id(), 36)).isEqualTo(listing.serial());
            }
        }
    }

    @Test
    void theFloodMoreThanDoublesTheOpenRtx3090ListingsAndLowersTheirMedianAsk() {
        List<SimulatedListing> steady = MARKET.activeListings(RTX_3090, at(14));
        List<SimulatedListing> flood = MARKET.activeListings(RTX_3090, at(38));

        assertThat(steady).hasSize(STEADY_3090_OPEN);
        assertThat(flood).hasSize(FLOOD_3090_OPEN);
        assertThat(flood.size()).isGreaterThanOrEqualTo(2 * steady.size());
        BigDecimal steadyMedian = medianUsdAsk(steady, at(14));
        BigDecimal floodMedian = medianUsdAsk(flood, at(38));
        assertThat(steadyMedian).isEqualByComparingTo(STEADY_3090_MEDIAN);
        assertThat(floodMedian).isEqualByComparingTo(FLOOD_3090_MEDIAN);
        assertThat(floodMedian.doubleValue() / steadyMedian.doubleValue()).isLessThan(0.9);
    }

    @Test
    void theSqueezeCutsArrivalsAndClearsTheListingsTheFloodLeft() {
        double steadyPerMinute = MARKET.listingsCreated(at(0), at(15)).size() / 15.0;
        double floodPerMinute = MARKET.listingsCreated(at(15), at(40)).size() / 25.0;
        double squeezePerMinute = MARKET.listingsCreated(at(40), at(60)).size() / 20.0;
        System.out.printf("listings per minute in the 12:00 cycle: steady %.2f, flood %.2f, squeeze %.2f%n",
                steadyPerMinute, floodPerMinute, squeezePerMinute);
        assertThat(steadyPerMinute).isCloseTo(STEADY_PER_MINUTE, within(1e-9));
        assertThat(floodPerMinute).isCloseTo(FLOOD_PER_MINUTE, within(1e-9));
        assertThat(squeezePerMinute).isCloseTo(SQUEEZE_PER_MINUTE, within(1e-9));
        assertThat(squeezePerMinute).isLessThan(steadyPerMinute / 2);

        List<Integer> open = IntStream.of(38, 42, 45, 48, 50, 58).mapToObj(m -> MARKET.openListings(at(m)).size())
                .toList();
        assertThat(open).containsExactly(OPEN_38_TO_58);
        assertThat(open.get(open.size() - 1)).isLessThan(open.get(0) / 10);
    }

    @Test
    void highVramAskingPricesRecoverFromTheFloodBeforeTheOthers() {
        // asks of cards listed :44-:50 of every hour of the day, as a multiple of their model's steady price
        double highVram = medianAskFactor(44, 50, SimulatedGpu::highVram);
        double others = medianAskFactor(44, 50, gpu -> !gpu.highVram());
        double othersLater = medianAskFactor(52, 57, gpu -> !gpu.highVram());
        double flood = medianAskFactor(30, 40, gpu -> true);
        System.out.printf("median ask / steady: flood %.4f; :44-:50 high-VRAM %.4f, others %.4f; :52-:57 others %.4f%n",
                flood, highVram, others, othersLater);

        assertThat(flood).isCloseTo(FLOOD_FACTOR, within(1e-4));
        assertThat(highVram).isCloseTo(HIGH_VRAM_FACTOR, within(1e-4));
        assertThat(others).isCloseTo(OTHERS_FACTOR, within(1e-4));
        assertThat(othersLater).isCloseTo(OTHERS_LATER_FACTOR, within(1e-4));
        assertThat(highVram).isGreaterThan(1.0);
        assertThat(others).isLessThan(0.85);
        assertThat(othersLater).isGreaterThan(1.0);
    }

    @Test
    void thePriceScriptEasesDownInTheFloodAndUpInTheSqueezeHighVramFirst() {
        SimulatedGpu high = SimulatedGpu.RTX_3090;
        SimulatedGpu low = SimulatedGpu.RTX_3070;
        assertThat(ListingMarket.priceTrend(high, second(10))).isEqualTo(1.0);
        assertThat(ListingMarket.priceTrend(high, second(22) + 30)).isCloseTo(0.9, within(1e-12));
        assertThat(ListingMarket.priceTrend(low, second(35))).isCloseTo(0.8, within(1e-12));
        assertThat(ListingMarket.priceTrend(high, second(44))).isCloseTo(0.95, within(1e-12));
        assertThat(ListingMarket.priceTrend(low, second(44))).isCloseTo(0.8, within(1e-12));
        assertThat(ListingMarket.priceTrend(high, second(50))).isCloseTo(1.1, within(1e-12));
        assertThat(ListingMarket.priceTrend(low, second(53))).isCloseTo(0.95, within(1e-12));
        assertThat(ListingMarket.priceTrend(low, second(56) + 30)).isCloseTo(1.1, within(1e-12));
        assertThat(ListingMarket.priceTrend(low, second(58) + 30)).isCloseTo(1.05, within(1e-12));
        assertThat(ListingMarket.priceTrend(high, second(60) - 1)).isCloseTo(1.0, within(1e-5));

        assertThat(List.of(ListingMarket.arrivalFactor(second(14)), ListingMarket.arrivalFactor(second(15)),
                ListingMarket.arrivalFactor(second(40)))).containsExactly(1.0, 3.0, 0.3);
        assertThat(List.of(ListingMarket.demand(second(14)), ListingMarket.demand(second(15)),
                ListingMarket.demand(second(40)))).containsExactly(1.0, 0.2, 6.0);
    }

    @Test
    void listingsSellWhenDemandReachesTheirPatienceAndAllWithinAnHour() {
        // 30 demand-minutes from :05: 10 steady minutes, 25 flood minutes (5), then 15 / 6 minutes of squeeze
        assertThat(ListingMarket.saleTime(at(5), 30)).isEqualTo(at(42).plusSeconds(30));
        assertThat(ListingMarket.saleTime(at(41), 30)).isEqualTo(at(46));

        assertThat(DAY).allSatisfy(l -> assertThat(l.lifetime()).isLessThanOrEqualTo(ListingMarket.MAX_LIFETIME));
        List<Duration> squeezeLives = DAY.stream()
                .filter(l -> minuteOfHour(l.createdAt()) >= 40 && minuteOfHour(l.createdAt()) < 49)
                .map(SimulatedListing::lifetime).sorted().toList();
        assertThat(squeezeLives.get(0)).isGreaterThanOrEqualTo(Duration.ofSeconds(200));
        assertThat(squeezeLives.get(squeezeLives.size() - 1)).isLessThanOrEqualTo(Duration.ofMinutes(10));
        List<Duration> steadyLives = DAY.stream().filter(l -> minuteOfHour(l.createdAt()) < 15)
                .map(SimulatedListing::lifetime).sorted().toList();
        assertThat(steadyLives.get(0)).isGreaterThan(Duration.ofMinutes(25));
        assertThat(steadyLives.get(steadyLives.size() - 1)).isLessThan(Duration.ofMinutes(51));
    }

    @Test
    void openListingsAreExactlyThoseListedBeforeAndSoldAfterNewestFirst() {
        for (int minute : List.of(5, 14, 38, 47, 58)) {
            Instant at = at(minute).plusSeconds(17);
            List<SimulatedListing> expected = MARKET.listingsCreated(at.minus(Duration.ofHours(2)), at.plusSeconds(1))
                    .stream().filter(l -> !l.createdAt().isAfter(at) && l.soldAt().isAfter(at))
                    .sorted(Comparator.comparingLong(SimulatedListing::serial).reversed()).toList();
            assertThat(MARKET.openListings(at)).as("open at " + at).isEqualTo(expected);
            assertThat(MARKET.activeListings("RX 6800 XT", at)).isEqualTo(expected.stream()
                    .filter(l -> l.genuine() && l.model().equals("RX 6800 XT")).toList());
        }
    }

    @Test
    void venuesJunkAuctionsCurrenciesAndPriceCutsComeInTheirShares() {
        Map<Venue, Long> venues = DAY.stream().collect(Collectors.groupingBy(SimulatedListing::venue,
                Collectors.counting()));
        Map<Kind, Long> kinds = DAY.stream().collect(Collectors.groupingBy(SimulatedListing::kind,
                Collectors.counting()));
        Map<String, Long> currencies = DAY.stream().collect(Collectors.groupingBy(SimulatedListing::currency,
                Collectors.counting()));
        long auctions = DAY.stream().filter(l -> l.auction() != null).count();
        long cuts = DAY.stream().filter(l -> l.cut() != null).count();
        System.out.printf("a day: %d listings, %s, %s, %s, %d auctions, %d price cuts%n", DAY.size(), venues, kinds,
                currencies, auctions, cuts);

        assertThat(venues).isEqualTo(Map.of(Venue.EBAY, EBAY_LISTINGS, Venue.HARDWARESWAP, HARDWARESWAP_LISTINGS));
        assertThat((double) venues.get(Venue.HARDWARESWAP) / DAY.size()).isCloseTo(0.25, within(0.01));
        assertThat((double) (DAY.size() - kinds.get(Kind.CARD)) / DAY.size()).isCloseTo(0.04, within(0.005));
        assertThat(kinds.keySet()).containsExactlyInAnyOrder(Kind.values());
        assertThat(currencies).isEqualTo(Map.of("USD", USD_LISTINGS, "EUR", EUR_LISTINGS, "GBP", GBP_LISTINGS));
        assertThat((double) auctions / venues.get(Venue.EBAY)).isCloseTo(0.10, within(0.01));
        assertThat((double) cuts / (DAY.size() - auctions)).isCloseTo(0.15, within(0.01));

        assertThat(DAY).filteredOn(l -> l.venue() == Venue.HARDWARESWAP).allSatisfy(l -> {
            assertThat(l.currency()).isEqualTo("USD");
            assertThat(l.auction()).isNull();
            assertThat(l.shipping()).isNull();
            assertThat(l.askingPrice().remainder(BigDecimal.valueOf(5))).isZero();
        });
        assertThat(DAY).filteredOn(l -> !l.currency().equals("USD")).allSatisfy(l -> {
            assertThat(l.venue()).isEqualTo(Venue.EBAY);
            assertThat(l.country()).isEqualTo(l.currency().equals("EUR") ? "DE" : "GB");
        });
    }

    @Test
    void titlesNameTheCardAndItsMemoryOrTheWordsThatMakeItJunk() {
        List<SimulatedListing> misfits = DAY.stream().filter(l -> !titleFits(l)).toList();
        assertThat(misfits).isEmpty();
    }

    /**
     * Whether a title names its card's number and, on eBay, its memory, has hardwareswap's shape there, and has the
     * words of its junk kind, or none of them for a card.
     */
    private static boolean titleFits(SimulatedListing listing) {
        String title = listing.title();
        String lower = title.toLowerCase(Locale.ROOT);
        String number = listing.model().replaceFirst("^(RTX|RX) ", "").replace(" 80GB", "");
        boolean shaped = listing.venue() == Venue.HARDWARESWAP
                ? HARDWARESWAP_TITLE.matcher(title).matches()
                : !listing.genuine() || Pattern.compile("\\b" + gpu(listing).vramGb() + "GB?\\b").matcher(title).find();
        boolean words = switch (listing.kind()) {
            case CARD -> !JUNK_WORDS.matcher(lower).find();
            case FOR_PARTS -> lower.contains("for parts") || lower.contains("as is");
            case BOX_ONLY -> lower.contains("box only");
            case LAPTOP -> lower.contains("laptop");
            case BUNDLE -> lower.contains("lot of") || CARD_COUNT.matcher(lower).find();
        };
        return title.contains(number) && shaped && words;
    }

    @Test
    void aPriceCutAndAnAuctionsBidsChangeThePriceOverTheListingsLife() {
        SimulatedListing cut = DAY.stream().filter(l -> l.cut() != null).findFirst().orElseThrow();
        assertThat(cut.priceAt(cut.createdAt())).isEqualTo(cut.askingPrice());
        assertThat(cut.priceAt(cut.cut().at().minusSeconds(1))).isEqualTo(cut.askingPrice());
        assertThat(cut.priceAt(cut.cut().at())).isEqualTo(cut.cut().price()).isLessThan(cut.askingPrice());
        assertThat(cut.cut().at()).isBetween(cut.createdAt(), cut.soldAt());

        SimulatedListing auction = DAY.stream().filter(l -> l.auction() != null).findFirst().orElseThrow();
        Instant middle = auction.createdAt().plus(auction.lifetime().dividedBy(2));
        BigDecimal climb = auction.askingPrice().subtract(auction.auction().startingBid());
        assertThat(auction.priceAt(auction.createdAt())).isEqualTo(auction.auction().startingBid());
        assertThat(auction.priceAt(middle)).isEqualTo(auction.auction().startingBid()
                .add(climb.divide(BigDecimal.valueOf(4)).setScale(0, RoundingMode.FLOOR)));
        assertThat(auction.priceAt(auction.soldAt())).isEqualTo(auction.askingPrice());
        assertThat(auction.bidCountAt(auction.createdAt())).isZero();
        assertThat(auction.bidCountAt(auction.soldAt())).isEqualTo(auction.auction().finalBidCount());
        assertThat(auction.auction().startingBid().doubleValue() / auction.askingPrice().doubleValue())
                .isBetween(0.49, 0.71);
    }

    @Test
    void wantToBuyPostsAskForAModelWithMoney() {
        List<WantedPost> wanted = MARKET.wantedPosts(OPENED, HOUR);
        assertThat(wanted).hasSize(WANTED_POSTS);
        assertThat(wanted).allSatisfy(post -> {
            assertThat(post.title()).matches("\\[USA-[A-Z]{2}] \\[H] PayPal(, Local Cash|, Cash)? \\[W] "
                    + Pattern.quote(post.model()));
            assertThat(post.budget()).isLessThan(MARKET.gpu(post.model()).steadyPrice());
        });
        assertThat(DAY.stream().map(SimulatedListing::serial)).doesNotContainAnyElementsOf(
                wanted.stream().map(WantedPost::serial).toList());
    }

    @Test
    void aModelTheMarketDoesNotTradeIsAnError() {
        assertThatThrownBy(() -> MARKET.activeListings("RTX 5090", HOUR))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("this market does not trade RTX 5090; it trades [RTX 3060, RTX 3070, RTX 3080, RTX 3090, "
                        + "RTX 4090, RX 6700 XT, RX 6800 XT, A100 80GB]");
        assertThatThrownBy(() -> new ListingMarket(CLOCK, 1, List.of(SimulatedGpu.RTX_3090, SimulatedGpu.RTX_3090)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("model RTX 3090 is listed twice");
    }

    private static SimulatedGpu gpu(SimulatedListing listing) {
        return MARKET.gpu(listing.model());
    }

    /** The median asking price at {@code at} of the USD listings among {@code listings}. */
    private static BigDecimal medianUsdAsk(List<SimulatedListing> listings, Instant at) {
        List<BigDecimal> prices = listings.stream().filter(l -> l.currency().equals("USD")).map(l -> l.priceAt(at))
                .sorted().toList();
        return prices.get(prices.size() / 2);
    }

    /** The median asking price, over steady price, of USD fixed-price cards listed from :from to :to of any hour. */
    private static double medianAskFactor(int from, int to, Predicate<SimulatedGpu> models) {
        List<Double> factors = DAY.stream()
                .filter(l -> l.genuine() && l.auction() == null && l.currency().equals("USD"))
                .filter(l -> models.test(gpu(l)))
                .filter(l -> minuteOfHour(l.createdAt()) >= from && minuteOfHour(l.createdAt()) < to)
                .map(l -> l.askingPrice().doubleValue() / gpu(l).steadyPrice().doubleValue()
                        / (l.venue() == Venue.HARDWARESWAP ? 0.95 : 1))
                .sorted().toList();
        return factors.get(factors.size() / 2);
    }

    private static int minuteOfHour(Instant at) {
        return (int) (at.getEpochSecond() / 60 % 60);
    }

    private static Instant at(int minute) {
        return HOUR.plus(Duration.ofMinutes(minute));
    }

    private static long second(int minute) {
        return at(minute).getEpochSecond();
    }
}
