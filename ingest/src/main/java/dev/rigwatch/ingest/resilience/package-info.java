/**
 * Resilience for the exchange pollers, each piece small enough to wire in on its own:
 * <ul>
 *   <li>{@link dev.rigwatch.ingest.resilience.HostRateLimiter}: an OkHttp interceptor that keeps each exchange
 *       host below its published rate limit (Bucket4j token buckets);</li>
 *   <li>{@link dev.rigwatch.ingest.resilience.SourceCircuitBreaker}: stops polling a source that keeps failing
 *       and probes it again later (Resilience4j);</li>
 *   <li>{@link dev.rigwatch.ingest.resilience.Backoff}: the growing, jittered pause before a failing product's
 *       next poll (Resilience4j's {@code IntervalFunction}), never shorter than a {@code Retry-After};</li>
 *   <li>{@link dev.rigwatch.ingest.resilience.TickValidator}: rejects ticks whose price or times cannot be
 *       right before they reach Kafka.</li>
 * </ul>
 */
package dev.rigwatch.ingest.resilience;
