package dev.rigwatch.bench;

import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.events.ListingObserved;
import dev.rigwatch.events.PollCoverage;
import dev.rigwatch.events.TimeSource;
import dev.rigwatch.events.gpu.GpuCatalogue;
import dev.rigwatch.events.gpu.GpuModel;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The benchmark's input, the same for every run with the same sizes: ticks of {@code instruments} instruments spread
 * over the four exchanges, one a second each, every price a seeded random walk; and GPU listings of the catalogue's
 * models, polled once an hour with their coverage, as the listing pollers write them.
 */
public final class BenchInput {

    static final String[] EXCHANGES = {"coinbase", "kraken", "binance", "bitstamp"};
    private static final String[] COINS = {"BTC", "ETH", "SOL", "LTC", "XRP", "ADA", "DOGE", "DOT"};
    /** Listings seen by each hourly poll. */
    static final int LISTINGS_PER_POLL = 40;

    private final List<String[]> instruments = new ArrayList<>(); // exchange, symbol
    private final double[] prices;
    private final SplittableRandom random = new SplittableRandom(42);
    private final List<GpuModel> models = GpuCatalogue.load().models();

    /** @param instruments how many (exchange, symbol) pairs */
    public BenchInput(int instruments) {
        this(instruments, EXCHANGES);
    }

    /**
     * The same walk, every instrument on {@code exchange}: {@code BTC-USD}, {@code ETH-USD}..., as one exchange's
     * feed carries them (the WebSocket latency run's load).
     */
    public static BenchInput onOneExchange(int instruments, String exchange) {
        return new BenchInput(instruments, new String[] {exchange});
    }

    private BenchInput(int instruments, String[] exchanges) {
        if (instruments < 1) {
            throw new IllegalArgumentException("at least one instrument, got " + instruments);
        }
        for (int i = 0; i < instruments; i++) {
            String exchange = exchanges[i % exchanges.length];
            int n = i / exchanges.length;
            String coin = n < COINS.length ? COINS[n] : "X" + n;
            String quote = "binance".equals(exchange) ? "USDT" : "USD";
            this.instruments.add(new String[] {exchange, coin + "-" + quote});
        }
        prices = new double[instruments];
        for (int i = 0; i < instruments; i++) {
            prices[i] = 10 + random.nextDouble() * 1000;
        }
    }

    public int instruments() {
        return instruments.size();
    }

    /** Each instrument's symbol, {@code BTC-USD}, in order. */
    public List<String> symbols() {
        return instruments.stream().map(instrument -> instrument[1]).toList();
    }

    /** The instrument {@code i} ticks at {@code time}, its price one step on from its last. */
    public CryptoTick tick(int i, Instant time) {
        prices[i] = Math.max(0.01, prices[i] * (1 + (random.nextDouble() - 0.5) * 0.002));
        BigDecimal price = BigDecimal.valueOf(prices[i]).setScale(2, RoundingMode.HALF_UP);
        String[] instrument = instruments.get(i);
        return new CryptoTick(CryptoTick.VERSION, instrument[0], instrument[1], price,
                price.subtract(BigDecimal.valueOf(1, 2)), price.add(BigDecimal.valueOf(1, 2)),
                BigDecimal.valueOf(1234.5678), Long.toString(time.getEpochSecond()), time, time.plusMillis(150),
                TimeSource.EXCHANGE);
    }

    /** The listings one hourly poll at {@code time} saw, numbered on from {@code poll}; then its coverage. */
    public List<ListingObserved> listings(long poll, Instant time) {
        List<ListingObserved> seen = new ArrayList<>(LISTINGS_PER_POLL);
        String pollId = pollId(poll);
        for (int i = 0; i < LISTINGS_PER_POLL; i++) {
            // most listings stay up for several polls, some come and go, so the lifecycle has work
            long id = poll * 10 + random.nextInt(LISTINGS_PER_POLL * 3);
            GpuModel model = models.get((int) (id % models.size()));
            BigDecimal price = model.launchMsrpUsd().multiply(BigDecimal.valueOf(0.4 + random.nextDouble() * 0.5))
                    .setScale(2, RoundingMode.HALF_UP);
            seen.add(new ListingObserved(ListingObserved.VERSION, "ebay", "v1|" + id + "|0", "gpu", pollId,
                    model.vendor() + " " + model.model() + " used", model.model(), model.family(), 0.95, "Used",
                    false, price, "USD", null, BigDecimal.ONE, price, null, "seller" + (id % 97), "US",
                    "https://www.ebay.com/itm/" + id, time.minusSeconds(3600L * (id % 48)), time));
        }
        return seen;
    }

    /** What the poll {@code poll} at {@code time} covered: everything, complete. */
    public PollCoverage coverage(long poll, Instant time) {
        return new PollCoverage(PollCoverage.VERSION, "ebay", "gpu", pollId(poll), time, time.plusSeconds(2), 1,
                LISTINGS_PER_POLL, 0, true, null, null);
    }

    private static String pollId(long poll) {
        return "ebay:gpu@bench-" + poll;
    }
}
