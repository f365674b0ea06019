package dev.rigwatch.ops.backtest;

import dev.rigwatch.events.alert.Subscription;
import dev.rigwatch.events.kafka.KafkaClients;
import dev.rigwatch.streams.StreamsSettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;

/**
 * Runs the production topology functions over a range of history, in a sandbox, and reports what they emitted: the
 * way to see what a rule's parameters would have signalled before they go live, without touching the pipeline.
 */
public final class Backtest {

    /** How often a progress line is printed during the replay and while the topologies process. */
    static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);

    /**
     * @param from         start of the range, inclusive
     * @param to           end of the range, exclusive
     * @param streams      the streams parameters to test (application id and state dir are replaced)
     * @param subscriptions the alert subscriptions to evaluate (e.g. the default rules)
     * @param keep         keep the sandbox topics and applications afterwards, for inspection
     * @param stateRoot    where the applications' local state goes during the run
     * @param minuteCandles read the 1-minute closed candles back too, for a sweep of the 1m rule (there are many:
     *                      1,440 a day per subject); the 1h and 1d ones are always read
     */
    public record Request(Instant from, Instant to, StreamsSettings streams, List<Subscription> subscriptions,
                          boolean keep, Path stateRoot, boolean minuteCandles) {

        public Request(Instant from, Instant to, StreamsSettings streams, List<Subscription> subscriptions,
                       boolean keep, Path stateRoot) {
            this(from, to, streams, subscriptions, keep, stateRoot, false);
        }
    }

    private final String bootstrapServers;
    private final Clock clock;

    public Backtest(String bootstrapServers, Clock clock) {
        this.bootstrapServers = bootstrapServers;
        this.clock = clock;
    }

    /**
     * Replays the range into a fresh sandbox, runs the stages there until they have processed it, reads back the
     * report and the closed candles, then deletes the sandbox unless the request keeps it.
     */
    public BacktestRun run(Request request, PrintStream progress, BooleanSupplier stopRequested) {
        BacktestSandbox sandbox = BacktestSandbox.startedAt(clock.instant());
        progress.printf("backtest %s: sandbox topics %s*, applications %s and %s%n", sandbox.runId(),
                sandbox.namespace().prefix(), sandbox.streamsId(), sandbox.alertsId());
        try (Admin admin = Admin.create(KafkaClients.admin(bootstrapServers))) {
            try {
                sandbox.create(admin);
                BacktestInputs inputs = new BacktestInputs(bootstrapServers);
                inputs.replayHistory(request, sandbox, progress, stopRequested);
                long candles = inputs.placeExchangeCandles(sandbox.namespace());
                progress.printf("placed %d exchange candles on the sandbox's closed-candle topics%n", candles);
                inputs.publishSubscriptions(request.subscriptions(), sandbox.namespace());
                new BacktestStages(bootstrapServers, clock).run(request, sandbox, admin, progress, stopRequested);
                BacktestRun run = BacktestResults.read(bootstrapServers, request, sandbox.namespace());
                progress.printf("read %d signals and alerts back%n", run.report().findings().size());
                return run;
            } finally {
                if (request.keep()) {
                    progress.printf("kept the sandbox: topics %s*, applications %s and %s%n",
                            sandbox.namespace().prefix(), sandbox.streamsId(), sandbox.alertsId());
                } else {
                    sandbox.delete(admin, request.stateRoot(), progress);
                }
            }
        }
    }
}
