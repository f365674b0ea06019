package dev.rigwatch.simulator;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The application tokens the simulated eBay has issued and when each expires, kept in real time because a client
 * times its refresh by its own clock; the search asks here whether a bearer token still holds.
 */
final class EbayTokens {

    /** The opening of eBay's application tokens; the rest is the simulator's. */
    private static final String TOKEN_PREFIX = "v^1.1#i^1#p^1#r^0#I^3#f^0#t^";

    private final Duration lifetime;
    private final long seed;
    private final Clock real;
    private final Map<String, Instant> expiries = new ConcurrentHashMap<>();
    private final AtomicLong issued = new AtomicLong();

    EbayTokens(Duration lifetime, long seed, Clock real) {
        this.lifetime = lifetime;
        this.seed = seed;
        this.real = real;
    }

    Duration lifetime() {
        return lifetime;
    }

    /** A new token, valid for {@link #lifetime()} from now; the expired ones are forgotten on the way. */
    String issue() {
        Instant now = real.instant();
        expiries.values().removeIf(expiry -> !now.isBefore(expiry));
        String token = newToken();
        expiries.put(token, now.plus(lifetime));
        return token;
    }

    boolean isValid(String token) {
        Instant expiry = expiries.get(token);
        return expiry != null && real.instant().isBefore(expiry);
    }

    /** Makes every token issued so far invalid at once; returns how many there were. */
    int expireAll() {
        int count = expiries.size();
        expiries.clear();
        return count;
    }

    /** Unique in this server's life by its counter; the seeded bits after it make it look like a token. */
    private String newToken() {
        long n = issued.incrementAndGet();
        ByteBuffer bytes = ByteBuffer.allocate(24).putLong(n)
                .putLong(Noise.bits(seed, EbayApi.TOKEN_FAULTS, n, Noise.Use.LISTINGS))
                .putLong(Noise.bits(seed + 1, EbayApi.TOKEN_FAULTS, n, Noise.Use.LISTINGS));
        return TOKEN_PREFIX + Base64.getEncoder().encodeToString(bytes.array());
    }
}
