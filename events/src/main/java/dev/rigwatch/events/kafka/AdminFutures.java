package dev.rigwatch.events.kafka;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.KafkaFuture;

/**
 * Waits for the admin client's futures in one way: the value, or a {@link KafkaAdminException} that says what was
 * asked and carries Kafka's own cause (not the {@code ExecutionException} around it). An interrupt keeps the
 * thread's interrupt flag.
 */
public final class AdminFutures {

    private AdminFutures() {
    }

    /**
     * @param what what was asked, for the message: {@code "describe topic crypto.ticks"}
     * @throws KafkaAdminException when the call failed, timed out or was interrupted
     */
    public static <T> T await(KafkaFuture<T> future, Duration timeout, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new KafkaAdminException("cannot " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaAdminException("cannot " + what + ": the cluster did not answer within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaAdminException("interrupted while waiting to " + what, e);
        }
    }

    /**
     * As {@link #await}, but {@code fallback} when the call failed with {@code absent}: a group or topic that does
     * not exist, where that is an answer rather than an error.
     */
    public static <T> T awaitOr(KafkaFuture<T> future, Duration timeout, String what,
                                Class<? extends Throwable> absent, T fallback) {
        try {
            return await(future, timeout, what);
        } catch (KafkaAdminException e) {
            if (absent.isInstance(e.getCause())) {
                return fallback;
            }
            throw e;
        }
    }
}
