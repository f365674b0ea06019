package dev.rigwatch.simulator;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The simulated used-GPU market that the eBay and r/hardwareswap APIs serve: listings of a few GPU models arriving,
 * asking, cutting their price and selling in {@link SimulatedClock} time, deterministic from a seed, so a test can
 * ask the market what any API answer should have held. Every simulated hour runs the crypto {@link PricePath}'s
 * script (miners dump cards in the crash, buyers come back in the rebound); arrivals, sales, prices, venues and junk
 * are described in docs/DEMO.md. A minute's listings are drawn the first time anything asks for it and kept, so a
 * request costs a scan of the last hour's listings, not a day's generation.
 */
public final class ListingMarket {

    public static final long DEFAULT_SEED = 20231124L;
    /** How long before the clock's start the market opened: enough for the listings open at the start to exist. */
    public static final Duration HISTORY = Duration.ofDays(1);
    /** No listing lives longer: see the class comment. */
    public static final Duration MAX_LIFETIME = Duration.ofHours(1);
    /** The simulator's fixed exchange rates: a EUR or GBP listing asks its USD price times these. */
    public static final BigDecimal EUR_PER_USD = new BigDecimal("0.92");
    public static final BigDecimal GBP_PER_USD = new BigDecimal("0.79");
    /** At most this many listings a minute on average, all models together, so a minute's serials never run out. */
    public static final double MAX_LISTINGS_PER_MINUTE = 50;

    private static final int CYCLE_SECONDS = (int) PricePath.CYCLE.toSeconds();
    private static final int FLOOD_START = 15 * 60;
    private static final int PRICE_FLOOR_AT = 30 * 60;
    private static final int SQUEEZE_START = 40 * 60;
    private static final int HIGH_VRAM_RECOVERED_AT = 48 * 60;
    private static final int OTHERS_RECOVER_FROM = 50 * 60;
    private static final int OTHERS_RECOVERED_AT = 56 * 60;
    private static final int RETURN_START = 57 * 60;
    private static final double FLOOD_ARRIVALS = 3;
    private static final double SQUEEZE_ARRIVALS = 0.3;
    private static final double FLOOD_DEMAND = 0.2;
    private static final double SQUEEZE_DEMAND = 6;
    private static final double FLOOR_PRICE = 0.8;
    private static final double SQUEEZE_PRICE = 1.1;
    /** Minutes kept once drawn: three days. When full the cache is dropped whole, so memory stays bounded. */
    private static final int MAX_CACHED_MINUTES = 3 * 24 * 60;

    private final SimulatedClock clock;
    private final long seed;
    private final Map<String, SimulatedGpu> gpus = new LinkedHashMap<>();
    private final Instant openedAt;
    private final long openedMinute;
    private final ListingGenerator generator;
    private final Map<Long, ListingGenerator.Minute> minutes = new ConcurrentHashMap<>();

    public ListingMarket(SimulatedClock clock, long seed, List<SimulatedGpu> gpus) {
        this.clock = clock;
        this.seed = seed;
        for (SimulatedGpu gpu : gpus) {
            if (this.gpus.put(gpu.model(), gpu) != null) {
                throw new IllegalArgumentException("model " + gpu.model() + " is listed twice");
            }
        }
        if (this.gpus.isEmpty()) {
            throw new IllegalArgumentException("a listing market needs at least one GPU model");
        }
        double perMinute = gpus.stream().mapToDouble(SimulatedGpu::listingsPerMinute).sum();
        if (perMinute > MAX_LISTINGS_PER_MINUTE) {
            throw new IllegalArgumentException("the models' listings per minute add up to " + perMinute
                    + ", more than " + MAX_LISTINGS_PER_MINUTE);
        }
        this.openedAt = clock.start().minus(HISTORY).truncatedTo(ChronoUnit.HOURS);
        this.openedMinute = openedAt.getEpochSecond() / 60;
        this.generator = new ListingGenerator(seed, gpus);
    }

    /** The eight default models with the default seed, on {@code clock}. */
    public static ListingMarket defaults(SimulatedClock clock) {
        return new ListingMarket(clock, DEFAULT_SEED, SimulatedGpu.defaults());
    }

    public SimulatedClock clock() {
        return clock;
    }

    public long seed() {
        return seed;
    }

    /** The first listing's minute: the top of the hour {@link #HISTORY} before the clock's start. */
    public Instant openedAt() {
        return openedAt;
    }

    public List<SimulatedGpu> gpus() {
        return List.copyOf(gpus.values());
    }

    /** @throws IllegalArgumentException for a model this market does not trade */
    public SimulatedGpu gpu(String model) {
        SimulatedGpu gpu = gpus.get(model);
        if (gpu == null) {
            throw new IllegalArgumentException("this market does not trade " + model + "; it trades " + gpus.keySet());
        }
        return gpu;
    }

    /** Every listing open at {@code at} on either venue, junk included, newest first. */
    public List<SimulatedListing> openListings(Instant at) {
        List<SimulatedListing> open = new ArrayList<>();
        long last = minuteOf(at);
        for (long minute = minuteOf(at.minus(MAX_LIFETIME)); minute <= last; minute++) {
            for (SimulatedListing listing : minute(minute).listings()) {
                if (listing.openAt(at)) {
                    open.add(listing);
                }
            }
        }
        open.sort(Comparator.comparingLong(SimulatedListing::serial).reversed());
        return open;
    }

    /** The cards of {@code model} for sale at {@code at} on either venue (junk excluded), newest first. */
    public List<SimulatedListing> activeListings(String model, Instant at) {
        gpu(model);
        return openListings(at).stream().filter(l -> l.genuine() && l.model().equals(model)).toList();
    }

    /** The listings created in [{@code from}, {@code to}), junk included, oldest first. */
    public List<SimulatedListing> listingsCreated(Instant from, Instant to) {
        List<SimulatedListing> created = new ArrayList<>();
        for (long minute = minuteOf(from); minute <= minuteOf(to); minute++) {
            for (SimulatedListing listing : minute(minute).listings()) {
                if (!listing.createdAt().isBefore(from) && listing.createdAt().isBefore(to)) {
                    created.add(listing);
                }
            }
        }
        return created;
    }

    /** The hardwareswap want-to-buy posts made in [{@code from}, {@code to}), oldest first. */
    public List<WantedPost> wantedPosts(Instant from, Instant to) {
        List<WantedPost> posted = new ArrayList<>();
        for (long minute = minuteOf(from); minute <= minuteOf(to); minute++) {
            for (WantedPost post : minute(minute).wanted()) {
                if (!post.createdAt().isBefore(from) && post.createdAt().isBefore(to)) {
                    posted.add(post);
                }
            }
        }
        return posted;
    }

    /** What was created in minute {@code epochMinute} (seconds since the epoch / 60); nothing before the opening. */
    ListingGenerator.Minute minute(long epochMinute) {
        if (epochMinute < openedMinute) {
            return ListingGenerator.Minute.EMPTY;
        }
        if (minutes.size() >= MAX_CACHED_MINUTES) {
            minutes.clear();
        }
        return minutes.computeIfAbsent(epochMinute, generator::minute);
    }

    long openedMinute() {
        return openedMinute;
    }

    static long minuteOf(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), 60);
    }

    /** How many times its steady rate a model's listings arrive at {@code epochSecond}: 1, 3 or 0.3. */
    public static double arrivalFactor(long epochSecond) {
        int s = secondOfCycle(epochSecond);
        return s < FLOOD_START ? 1 : s < SQUEEZE_START ? FLOOD_ARRIVALS : SQUEEZE_ARRIVALS;
    }

    /** Buyers' demand at {@code epochSecond}, in demand-minutes per minute: 1, 0.2 or 6. */
    public static double demand(long epochSecond) {
        int s = secondOfCycle(epochSecond);
        return s < FLOOD_START ? 1 : s < SQUEEZE_START ? FLOOD_DEMAND : SQUEEZE_DEMAND;
    }

    /** The multiple of {@code gpu}'s steady price that listings created at {@code epochSecond} ask around. */
    public static double priceTrend(SimulatedGpu gpu, long epochSecond) {
        int s = secondOfCycle(epochSecond);
        if (s < FLOOD_START) {
            return 1.0;
        }
        if (s < PRICE_FLOOR_AT) {
            return 1.0 - (1.0 - FLOOR_PRICE) * PricePath.ease(s, FLOOD_START, PRICE_FLOOR_AT);
        }
        if (s >= RETURN_START) {
            return SQUEEZE_PRICE - (SQUEEZE_PRICE - 1.0) * PricePath.ease(s, RETURN_START, CYCLE_SECONDS);
        }
        int from = gpu.highVram() ? SQUEEZE_START : OTHERS_RECOVER_FROM;
        int to = gpu.highVram() ? HIGH_VRAM_RECOVERED_AT : OTHERS_RECOVERED_AT;
        if (s < from) {
            return FLOOR_PRICE;
        }
        return s < to ? FLOOR_PRICE + (SQUEEZE_PRICE - FLOOR_PRICE) * PricePath.ease(s, from, to) : SQUEEZE_PRICE;
    }

    /** When a listing created at {@code createdAt} (whole seconds) with {@code patience} demand-minutes sells. */
    static Instant saleTime(Instant createdAt, double patience) {
        long t = createdAt.getEpochSecond();
        double left = patience;
        while (true) {
            int s = secondOfCycle(t);
            int phaseEnd = s < FLOOD_START ? FLOOD_START : s < SQUEEZE_START ? SQUEEZE_START : CYCLE_SECONDS;
            double perSecond = demand(t) / 60;
            double available = (phaseEnd - s) * perSecond;
            if (available >= left) {
                return Instant.ofEpochSecond(t + Math.max(1, (long) Math.ceil(left / perSecond)));
            }
            left -= available;
            t += phaseEnd - s;
        }
    }

    private static int secondOfCycle(long epochSecond) {
        return (int) Math.floorMod(epochSecond, (long) CYCLE_SECONDS);
    }
}
