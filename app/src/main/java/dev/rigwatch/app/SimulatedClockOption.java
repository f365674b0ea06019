package dev.rigwatch.app;

import dev.rigwatch.simulator.SimulatedClock;
import dev.rigwatch.simulator.SimulatorServer;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --simulated-clock}: a stage that watches a standalone {@code rigwatch simulate} runs on the simulator's
 * compressed time, as the demo's stages do in one process. Without it, ingest would stamp ticks with the wall clock
 * and reject the simulator's exchange times (a day behind, running 60x) as stale, and streams would close the GPU
 * windows of yesterday's listings on today's clock.
 */
final class SimulatedClockOption {

    /** How long a stage waits for a simulator it was pointed at to answer (a container starting beside it). */
    static final Duration SIMULATOR_WAIT = Duration.ofSeconds(60);

    @Option(names = "--simulated-clock", paramLabel = "START,SPEED,SINCE|URL", converter = Converter.class,
            description = "Run on a market simulator's time, as `rigwatch simulate` prints it: the simulated START, "
                    + "its SPEED and the real time SINCE when it runs; or the simulator's base URL, which serves it "
                    + "(waits up to 60 s for it to answer). Only against the simulator: real markets run on the "
                    + "wall clock (the default).")
    SimulatedClock simulated;

    /** The stage's clock: the simulator's time when given, else the wall clock. */
    Clock clock() {
        return simulated == null ? Clock.systemUTC() : simulated.asClock();
    }

    static final class Converter implements ITypeConverter<SimulatedClock> {

        @Override
        public SimulatedClock convert(String text) {
            if (text.startsWith("http://") || text.startsWith("https://")) {
                return convert(fetch(text.replaceFirst("/+$", "") + SimulatorServer.CLOCK_PATH));
            }
            String[] parts = text.split(",");
            if (parts.length != 3) {
                throw new TypeConversionException("'" + text + "' is not START,SPEED,SINCE as `rigwatch simulate` "
                        + "prints it, e.g. 2026-11-25T02:00:00Z,60,2026-11-26T02:19:43.273Z");
            }
            try {
                return SimulatedClock.runningSince(Clock.systemUTC(), Instant.parse(parts[0].strip()),
                        Double.parseDouble(parts[1].strip()), Instant.parse(parts[2].strip()));
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw new TypeConversionException("'" + text + "' is not START,SPEED,SINCE: " + e.getMessage());
            }
        }
    
        /** The clock a simulator serves, retried while it does not answer yet. */
        private static String fetch(String url) {
            OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(5)).build();
            Instant giveUp = Instant.now().plus(SIMULATOR_WAIT);
            try {
                while (true) {
                    try (Response response = http.newCall(new Request.Builder().url(url).build()).execute()) {
                        if (!response.isSuccessful()) {
                            throw new TypeConversionException(url + " answered " + response.code()
                                    + ": not a rigwatch simulator's clock");
                        }
                        return response.body().string().strip();
                    } catch (IOException e) {
                        if (Instant.now().isAfter(giveUp)) {
                            throw new TypeConversionException("no simulator answered at " + url + " within "
                                    + SIMULATOR_WAIT.toSeconds() + " s: " + e.getMessage());
                        }
                        sleep();
                    }
                }
            } finally {
                http.dispatcher().executorService().shutdown();
                http.connectionPool().evictAll();
            }
        }

        private static void sleep() {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TypeConversionException("interrupted while waiting for the simulator");
            }
        }
    }
}
