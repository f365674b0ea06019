package dev.rigwatch.ingest.resilience;

import io.github.bucket4j.Bucket;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Keeps every host below its rate limit: an OkHttp application interceptor with one Bucket4j token bucket per
 * host, shared by all calls through the client, whatever product or poller they are for. A request without a
 * permit waits for one (requests queue fairly), up to {@code maxWait}; when the wait would be longer it fails at
 * once with {@link RateLimitedLocallyException} and nothing is sent.
 *
 * <p>Add it with {@code OkHttpClient.Builder.addInterceptor}, not as a network interceptor: then it waits before
 * a connection is taken, so the connect and read timeouts do not include the wait (a call timeout would) and a
 * redirect or retry within one call spends no second permit.
 *
 * <p>The limits are our own, set below what each exchange publishes (per IP, for the public endpoints), so that
 * the exchange never has to rate limit us; see {@link #EXCHANGE_LIMITS}.
 *
 * <p>Meters, tagged {@code host}: timer {@code http.ratelimit.wait}, the wait of every request sent (zero when
 * a permit was ready); counter {@code http.ratelimit.refused}, requests failed because the wait was too long.
 */
public final class HostRateLimiter implements Interceptor {

    /**
     * Coinbase Exchange public endpoints: 10 requests/s per IP, bursts of up to 15
     * (docs.cdp.coinbase.com/exchange/rest-api/rate-limits). 8/s, and bursts of 8: the 20 % margin absorbs
     * requests bunching up on the way, since their bucket counts arrivals and ours departures.
     */
    public static final RateLimit COINBASE = RateLimit.perSecond(8);
    /**
     * Kraken public endpoints: "1 per second (or less) would remain within the rate limits"
     * (docs.kraken.com/api/docs/guides/spot-rest-ratelimits). One request every 1.2 s and no bursts (rather
     * than, say, 5 per 6 s): a burst is exactly what a per-second rule forbids, and the 20 % margin absorbs
     * requests bunching up on the way, as for Coinbase.
     */
    public static final RateLimit KRAKEN = new RateLimit(1, Duration.ofMillis(1200));
    /**
     * Binance spot: 6000 request weight per minute per IP; {@code ticker/24hr} for one symbol and {@code klines}
     * weigh 2 each, so 3000 requests/min = 50/s (developers.binance.com/docs/binance-spot-api-docs/rest-api/limits).
     * 20/s spends 40 % of the weight, and the rest stays free for anything else on the same IP: Binance answers
     * 418 (an IP ban) to clients that keep going past 429s.
     */
    public static final RateLimit BINANCE = RateLimit.perSecond(20);
    /**
     * Bitstamp: 400 requests/s, and 8000 per 10 minutes by default (www.bitstamp.net/api, "Request limits";
     * some pages now say 10,000). The 10-minute limit binds: 8000 / 600 s = 13.3/s; 10/s is 6000 per 10 minutes.
     */
    public static final RateLimit BITSTAMP = RateLimit.perSecond(10);
    /**
     * For each host without a limit of its own, such as the simulator: half Coinbase's published 10/s, so below
     * every exchange above but Kraken (which has its own), and still more than polling a few products needs.
     */
    public static final RateLimit OTHER_HOSTS = RateLimit.perSecond(5);

    /**
     * eBay's Browse API counts calls a day (5,000 by default), which the polling schedule keeps to; this only
     * spaces one poll's pages.
     */
    public static final RateLimit EBAY = RateLimit.perSecond(2);
    /** reddit: about 10 requests a minute for clients without OAuth. */
    public static final RateLimit REDDIT = new RateLimit(10, Duration.ofMinutes(1));

    /** The public API hosts of the sources rigwatch knows, with the limits above. */
    public static final Map<String, RateLimit> EXCHANGE_LIMITS = Map.of(
            "api.exchange.coinbase.com", COINBASE,
            "api.kraken.com", KRAKEN,
            "api.binance.com", BINANCE,
            "www.bitstamp.net", BITSTAMP,
            "api.ebay.com", EBAY,
            "www.reddit.com", REDDIT);

    private final Map<String, RateLimit> limits;
    private final RateLimit otherHosts;
    private final Duration maxWait;
    private final MeterRegistry registry;
    private final Map<String, HostBucket> buckets = new ConcurrentHashMap<>();

    /**
     * @param limits     limits by host name, lower case as in a URL ({@code api.kraken.com})
     * @param otherHosts the limit of each host not in {@code limits}, each host with a bucket of its own
     * @param maxWait    the longest a request may wait for a permit, e.g. the read timeout
     * @param registry   where the per-host meters are registered
     */
    public HostRateLimiter(Map<String, RateLimit> limits, RateLimit otherHosts, Duration maxWait,
                           MeterRegistry registry) {
        this.limits = Map.copyOf(limits);
        this.otherHosts = Objects.requireNonNull(otherHosts, "otherHosts");
        this.maxWait = Objects.requireNonNull(maxWait, "maxWait");
        this.registry = Objects.requireNonNull(registry, "registry");
        if (maxWait.isNegative() || maxWait.isZero()) {
            throw new IllegalArgumentException("max wait must be positive, was " + maxWait);
        }
    }

    /** The {@link #EXCHANGE_LIMITS}, and {@link #OTHER_HOSTS} for every other host. */
    public static HostRateLimiter forExchanges(Duration maxWait, MeterRegistry registry) {
        return new HostRateLimiter(EXCHANGE_LIMITS, OTHER_HOSTS, maxWait, registry);
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        String host = chain.request().url().host();
        buckets.computeIfAbsent(host, this::newBucket).acquire();
        return chain.proceed(chain.request());
    }

    private HostBucket newBucket(String host) {
        RateLimit limit = limits.getOrDefault(host, otherHosts);
        return new HostBucket(
                host,
                limit,
                Bucket.builder().addLimit(limit.bandwidth()).build(),
                Timer.builder("http.ratelimit.wait")
                        .description("How long requests waited for a permit of the host's rate limit")
                        .tag("host", host)
                        .register(registry),
                Counter.builder("http.ratelimit.refused")
                        .description("Requests not sent: the host's rate limit would have made them wait too long")
                        .tag("host", host)
                        .register(registry));
    }

    private final class HostBucket {
        private final String host;
        private final RateLimit limit;
        private final Bucket bucket;
        private final Timer waits;
        private final Counter refused;

        HostBucket(String host, RateLimit limit, Bucket bucket, Timer waits, Counter refused) {
            this.host = host;
            this.limit = limit;
            this.bucket = bucket;
            this.waits = waits;
            this.refused = refused;
        }

        void acquire() throws IOException {
            // the common case, a permit at hand, records an exact zero rather than the cost of asking
            if (bucket.tryConsume(1)) {
                waits.record(Duration.ZERO);
                return;
            }
            long start = System.nanoTime();
            boolean permitted;
            try {
                // reserves a permit and parks until it is due, or returns false at once if it is due too late
                permitted = bucket.asBlocking().tryConsume(1, maxWait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                InterruptedIOException interrupted = new InterruptedIOException(
                        "interrupted while waiting for a permit of " + host + "'s rate limit");
                interrupted.initCause(e);
                throw interrupted;
            }
            if (!permitted) {
                refused.increment();
                Duration wouldWait = Duration.ofNanos(bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill());
                throw new RateLimitedLocallyException(host, limit, wouldWait, maxWait);
            }
            waits.record(Duration.ofNanos(System.nanoTime() - start));
        }
    }
}
