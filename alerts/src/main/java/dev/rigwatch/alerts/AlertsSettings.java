package dev.rigwatch.alerts;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the alerts stage.
 *
 * @param applicationId  Kafka Streams {@code application.id} (default {@value #DEFAULT_APPLICATION_ID})
 * @param stateDir       where the stage's local state lives (default {@code ~/.rigwatch/alerts-state})
 * @param commitInterval how often the exactly-once transaction commits (default 1 s: an alert reaches
 *                       read_committed subscribers at most about this late)
 */
public record AlertsSettings(String applicationId, Path stateDir, Duration commitInterval) {

    public static final String DEFAULT_APPLICATION_ID = "rigwatch-alerts";
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofSeconds(1);

    public AlertsSettings {
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(stateDir, "stateDir");
        if (commitInterval.isNegative() || commitInterval.isZero()) {
            throw new IllegalArgumentException("commitInterval must be positive, got " + commitInterval);
        }
    }

    public static AlertsSettings defaults() {
        return new AlertsSettings(DEFAULT_APPLICATION_ID, Path.of(System.getProperty("user.home"), ".rigwatch", "alerts-state"),
                DEFAULT_COMMIT_INTERVAL);
    }
}
