package dev.rigwatch.api;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the API process runs.
 *
 * @param bind           the address the HTTP server listens on
 * @param port           its port (0 picks a free one)
 * @param advertisedHost the host other instances reach this one at ({@code application.server}); the bind address
 *                       unless that is a wildcard
 * @param applicationId  the view application's id: instances with the same id share the stores' partitions
 * @param stateDir       where the view's RocksDB stores live
 * @param patience       how long a request waits for stores that are not queryable before it is answered 503
 */
public record ApiSettings(String bind, int port, String advertisedHost, String applicationId, Path stateDir,
                          Duration patience) {

    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_PORT = 8088;
    public static final String DEFAULT_APPLICATION_ID = "rigwatch-api";
    public static final Duration DEFAULT_PATIENCE = Duration.ofSeconds(3);
    /** The view commits this often: its stores are read live, so the interval only bounds what a restart re-reads. */
    static final Duration COMMIT_INTERVAL = Duration.ofSeconds(1);
    static final int KEPT_EVENTS = 2000;
    static final int CLIENT_QUEUE = 500;
    static final int MAX_STREAM_CLIENTS = 64;

    public static ApiSettings defaults(Path stateDir) {
        return new ApiSettings(DEFAULT_BIND, DEFAULT_PORT, null, DEFAULT_APPLICATION_ID, stateDir, DEFAULT_PATIENCE);
    }

    public ApiSettings withPort(int port) {
        return new ApiSettings(bind, port, advertisedHost, applicationId, stateDir, patience);
    }

    public ApiSettings withApplicationId(String applicationId) {
        return new ApiSettings(bind, port, advertisedHost, applicationId, stateDir, patience);
    }

    public String advertised() {
        if (advertisedHost != null) {
            return advertisedHost;
        }
        return bind.equals("0.0.0.0") || bind.equals("::") ? "localhost" : bind;
    }
}
