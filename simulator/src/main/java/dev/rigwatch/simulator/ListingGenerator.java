package dev.rigwatch.simulator;

import dev.rigwatch.simulator.SimulatedListing.Auction;
import dev.rigwatch.simulator.SimulatedListing.Kind;
import dev.rigwatch.simulator.SimulatedListing.PriceCut;
import dev.rigwatch.simulator.SimulatedListing.Venue;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.LongFunction;

/**
 * Draws the listings and want-to-buy posts created in one simulated minute. Each model's arrivals in a minute come
 * from one {@link Random} seeded by (market seed, model, minute), and the buying posts from another, so any minute
 * can be drawn alone, in any order, and always comes out the same. The per-venue shares, prices and currencies are
 * documented on {@link ListingMarket}.
 */
final class ListingGenerator {

    /** The listings and want-to-buy posts created in one minute, each in creation order. */
    record Minute(List<SimulatedListing> listings, List<WantedPost> wanted) {
        static final Minute EMPTY = new Minute(List.of(), List.of());
    }

    /** Serials are minute × this + rank, so a minute holds at most this many listings and posts. */
    static final int SERIALS_PER_MINUTE = 1_000;

    static final double HARDWARESWAP_SHARE = 0.25;
    static final double JUNK_SHARE = 0.04;
    /** Of eBay listings. */
    static final double AUCTION_SHARE = 0.10;
    static final double EUR_SHARE = 0.03;
    static final double GBP_SHARE = 0.02;
    static final double PRICE_CUT_SHARE = 0.15;
    /** Want-to-buy posts on hardwareswap per minute, whatever the market does. */
    static final double WANTED_PER_MINUTE = 0.2;

    /** Asking prices scatter up to this fraction either side of the market price. */
    private static final double PRICE_SPREAD = 0.07;
    /** Hardwareswap sellers pay no fees and ask this much of the eBay price. */
    private static final double HARDWARESWAP_DISCOUNT = 0.95;
    /** Demand-minutes a buyer needs to find a listing: 20 to 60 (see {@link ListingMarket#demand}). */
    private static final double MIN_PATIENCE = 20;
    private static final double PATIENCE_RANGE = 40;

    private static final List<String> EBAY_SELLERS = List.of("gpu_outlet", "rigbreaker", "fixit_finds",
            "pc_parts_depot", "techresale", "mining_liquidation", "byte_bazaar", "silicon_swap", "framerate_deals",
            "hashpower_surplus", "the_card_shack", "refurb_rigs");
    private static final List<String> REDDIT_USERS = List.of("quietfan", "tensor_nyc", "lonestar_pc", "pnw_builds",
            "overclocked", "budget_builder", "vram_hoarder", "thermal_paste", "coil_whine", "fps_chaser",
            "sff_enjoyer", "cable_mgmt");
    private static final List<String> US_ZIP_PREFIXES = List.of("945", "303", "770", "100", "606", "981", "021",
            "331", "850", "191", "482", "553", "972", "802", "282");
    private static final List<String> DE_ZIP_PREFIXES = List.of("101", "803", "204", "504", "601", "701");
    private static final List<String> GB_POSTCODE_PREFIXES = List.of("M1 1", "B2 4", "LS1 5", "EC1A 1", "G2 8");
    private static final List<String> US_STATES = List.of("CA", "TX", "NY", "WA", "FL", "IL", "PA", "OH", "GA",
            "NC", "MI", "NJ", "VA", "AZ", "MA", "CO", "OR", "MN");
    /** Of eBay listings; the others charge one of {@link #SHIPPING_COSTS}. */
    private static final double FREE_SHIPPING_SHARE = 0.45;
    private static final List<String> SHIPPING_COSTS = List.of("9.99", "12.50", "14.99", "19.99", "24.15", "29.99");
    private static final String WANTED_STREAM = "hardwareswap buying";

    private final long seed;
    private final List<SimulatedGpu> gpus;
    private final double totalListingsPerMinute;

    ListingGenerator(long seed, List<SimulatedGpu> gpus) {
        this.seed = seed;
        this.gpus = List.copyOf(gpus);
        this.totalListingsPerMinute = gpus.stream().mapToDouble(SimulatedGpu::listingsPerMinute).sum();
    }

    /** Something created in the minute, waiting for its serial until the minute is sorted. */
    private record Pending(Instant createdAt, LongFunction<SimulatedListing> listing, LongFunction<WantedPost> wanted) {
    }

    Minute minute(long epochMinute) {
        long start = epochMinute * 60;
        List<Pending> pending = new ArrayList<>();
        for (SimulatedGpu gpu : gpus) {
            Random r = new Random(Noise.bits(seed, gpu.model(), epochMinute, Noise.Use.LISTINGS));
            int count = poisson(gpu.listingsPerMinute() * ListingMarket.arrivalFactor(start), r);
            for (int i = 0; i < count; i++) {
                Instant createdAt = Instant.ofEpochSecond(start + r.nextInt(60));
                pending.add(new Pending(createdAt, listing(gpu, createdAt, r), null));
            }
        }
        Random r = new Random(Noise.bits(seed, WANTED_STREAM, epochMinute, Noise.Use.LISTINGS));
        int wanted = poisson(WANTED_PER_MINUTE, r);
        for (int i = 0; i < wanted; i++) {
            Instant createdAt = Instant.ofEpochSecond(start + r.nextInt(60));
            pending.add(new Pending(createdAt, null, wantedPost(createdAt, r)));
        }
        if (pending.size() > SERIALS_PER_MINUTE) {
            throw new IllegalStateException(pending.size() + " listings and posts in minute " + epochMinute
                    + " exceed the " + SERIALS_PER_MINUTE + " serials a minute has");
        }
        pending.sort(Comparator.comparing(Pending::createdAt)); // stable: ties keep the models' order
        List<SimulatedListing> listings = new ArrayList<>();
        List<WantedPost> posts = new ArrayList<>();
        for (int rank = 0; rank < pending.size(); rank++) {
            long serial = epochMinute * SERIALS_PER_MINUTE + rank;
            Pending p = pending.get(rank);
            if (p.listing() != null) {
                listings.add(p.listing().apply(serial));
            } else {
                posts.add(p.wanted().apply(serial));
            }
        }
        return new Minute(List.copyOf(listings), List.copyOf(posts));
    }

    /** Where a listing is and in what money it is priced. */
    private record Place(String currency, String country, String region) {
    }

    /** Draws everything about one listing now, in a fixed order; only its serial waits for the minute's sort. */
    private LongFunction<SimulatedListing> listing(SimulatedGpu gpu, Instant createdAt, Random r) {
        Venue venue = r.nextDouble() < HARDWARESWAP_SHARE ? Venue.HARDWARESWAP : Venue.EBAY;
        Kind kind = r.nextDouble() < JUNK_SHARE ? junkKind(gpu, r) : Kind.CARD;
        int bundleSize = 2 + r.nextInt(3);
        boolean auction = venue == Venue.EBAY && r.nextDouble() < AUCTION_SHARE;
        Place place = venue == Venue.EBAY ? ebayPlace(r) : new Place("USD", "US", ListingTitles.pick(US_STATES, r));
        String seller = ListingTitles.pick(venue == Venue.EBAY ? EBAY_SELLERS : REDDIT_USERS, r) + "_" + r.nextInt(100);
        Instant soldAt = ListingMarket.saleTime(createdAt, MIN_PATIENCE + PATIENCE_RANGE * r.nextDouble());

        double usd = gpu.steadyPrice().doubleValue() * ListingMarket.priceTrend(gpu, createdAt.getEpochSecond())
                * (1 + PRICE_SPREAD * (2 * r.nextDouble() - 1))
                * (venue == Venue.HARDWARESWAP ? HARDWARESWAP_DISCOUNT : 1);
        double asked = switch (kind) {
            case CARD -> usd;
            case FOR_PARTS -> usd * 0.4;
            case BOX_ONLY -> 15 + 30 * r.nextDouble();
            case LAPTOP -> usd * 1.6;
            case BUNDLE -> usd * bundleSize * 0.95;
        };
        // auctions end on a whole bid
        boolean endsIn99 = r.nextBoolean() && !auction;
        BigDecimal asking = price(venue, local(asked, place.currency()), endsIn99);
        PriceCut cut = !auction && r.nextDouble() < PRICE_CUT_SHARE
                ? priceCut(venue, asking, endsIn99, createdAt, soldAt, r)
                : null;
        Auction terms = auction ? new Auction(startingBid(asking, r), 3 + r.nextInt(23)) : null;
        BigDecimal shipping = venue == Venue.HARDWARESWAP ? null
                : r.nextDouble() < FREE_SHIPPING_SHARE ? new BigDecimal("0.00")
                : new BigDecimal(ListingTitles.pick(SHIPPING_COSTS, r));
        boolean minersSelling = ListingMarket.arrivalFactor(createdAt.getEpochSecond()) > 1;
        String title = venue == Venue.EBAY
                ? ListingTitles.ebay(gpu, kind, bundleSize, minersSelling, r)
                : ListingTitles.hardwareswap(gpu, kind, bundleSize, place.region(), r);
        return serial -> new SimulatedListing(serial, venue, gpu.model(), kind, title, place.currency(), asking, cut,
                terms, shipping, seller, place.country(), place.region(), createdAt, soldAt);
    }

    private static Place ebayPlace(Random r) {
        double u = r.nextDouble();
        if (u < EUR_SHARE) {
            return new Place("EUR", "DE", ListingTitles.pick(DE_ZIP_PREFIXES, r) + "**");
        }
        if (u < EUR_SHARE + GBP_SHARE) {
            return new Place("GBP", "GB", ListingTitles.pick(GB_POSTCODE_PREFIXES, r) + "**");
        }
        return new Place("USD", "US", ListingTitles.pick(US_ZIP_PREFIXES, r) + "**");
    }

    /** Some way through its life the seller takes 5 to 12 % off; null when that rounds to no change. */
    private static PriceCut priceCut(Venue venue, BigDecimal asking, boolean endsIn99, Instant createdAt,
                                     Instant soldAt, Random r) {
        double when = 0.35 + 0.3 * r.nextDouble();
        double depth = 0.05 + 0.07 * r.nextDouble();
        Instant at = Instant.ofEpochSecond(createdAt.getEpochSecond()
                + Math.round(Duration.between(createdAt, soldAt).toSeconds() * when));
        BigDecimal lower = price(venue, asking.doubleValue() * (1 - depth), endsIn99);
        return lower.compareTo(asking) < 0 && at.isAfter(createdAt) ? new PriceCut(at, lower) : null;
    }

    /** Auctions start at 50 to 70 % of where they end, in whole units. */
    private static BigDecimal startingBid(BigDecimal finalPrice, Random r) {
        long start = Math.max(1, Math.round(finalPrice.doubleValue() * (0.5 + 0.2 * r.nextDouble())));
        return BigDecimal.valueOf(start).setScale(2, RoundingMode.UNNECESSARY);
    }

    private LongFunction<WantedPost> wantedPost(Instant createdAt, Random r) {
        SimulatedGpu gpu = weightedModel(r.nextDouble());
        String region = ListingTitles.pick(US_STATES, r);
        String author = ListingTitles.pick(REDDIT_USERS, r) + "_" + r.nextInt(100);
        long budget = Math.round(gpu.steadyPrice().doubleValue() * (0.8 + 0.15 * r.nextDouble()) / 10) * 10;
        String title = ListingTitles.wanted(gpu, region, r);
        return serial -> new WantedPost(serial, gpu.model(), title, BigDecimal.valueOf(budget), author, region,
                createdAt);
    }

    /** Buyers want the models that sell most often. */
    private SimulatedGpu weightedModel(double u) {
        double target = u * totalListingsPerMinute;
        for (SimulatedGpu gpu : gpus) {
            target -= gpu.listingsPerMinute();
            if (target < 0) {
                return gpu;
            }
        }
        return gpus.get(gpus.size() - 1);
    }

    private static Kind junkKind(SimulatedGpu gpu, Random r) {
        List<Kind> kinds = ListingTitles.hasLaptops(gpu)
                ? List.of(Kind.FOR_PARTS, Kind.BOX_ONLY, Kind.LAPTOP, Kind.BUNDLE)
                : List.of(Kind.FOR_PARTS, Kind.BOX_ONLY, Kind.BUNDLE);
        return ListingTitles.pick(kinds, r);
    }

    private static double local(double usd, String currency) {
        return switch (currency) {
            case "EUR" -> usd * ListingMarket.EUR_PER_USD.doubleValue();
            case "GBP" -> usd * ListingMarket.GBP_PER_USD.doubleValue();
            default -> usd;
        };
    }

    /**
     * A price as sellers write it: eBay in whole units, half of them a cent under ({@code 749.99}); hardwareswap
     * rounded to five dollars. Never below one unit.
     */
    private static BigDecimal price(Venue venue, double amount, boolean endsIn99) {
        if (venue == Venue.HARDWARESWAP) {
            return BigDecimal.valueOf(Math.max(5, Math.round(amount / 5) * 5)).setScale(2, RoundingMode.UNNECESSARY);
        }
        BigDecimal whole = BigDecimal.valueOf(Math.max(2, Math.round(amount))).setScale(2, RoundingMode.UNNECESSARY);
        return endsIn99 ? whole.subtract(new BigDecimal("0.01")) : whole;
    }

    /** A Poisson-distributed count (Knuth's method: exact, and quick for the small means of a minute). */
    static int poisson(double mean, Random r) {
        double limit = Math.exp(-mean);
        double product = r.nextDouble();
        int count = 0;
        while (product > limit) {
            count++;
            product *= r.nextDouble();
        }
        return count;
    }
}
