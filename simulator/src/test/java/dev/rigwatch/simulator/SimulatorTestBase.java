package dev.rigwatch.simulator;

import dev.rigwatch.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A simulator whose wall clock stands still unless a test moves it, so simulated time is known exactly: it is
 * {@link #SIM_NOW}, mid-minute during the rebound of the 12:00 cycle, and the exchanges opened on
 * {@link #OPENED} ({@link SimulatedMarket#HISTORY} earlier, at the start of that day).
 */
abstract class SimulatorTestBase {

    static final Instant REAL_NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final Instant SIM_NOW = Instant.parse("2026-11-24T12:42:30.500Z");
    static final Instant OPENED = Instant.parse("2026-10-25T00:00:00Z");
    static final SimulatedProduct BTC = SimulatedProduct.BTC_USD;
    static final SimulatedProduct ETH = SimulatedProduct.ETH_USD;

    final MutableClock real = new MutableClock(REAL_NOW);
    final SimulatedMarket market = new SimulatedMarket(new SimulatedClock(real, SIM_NOW, 60),
            new PricePath(SimulatedMarket.DEFAULT_SEED), SimulatedProduct.defaults());
    SimulatorServer server;
    SimulatorClient client;

    @BeforeEach
    void startSimulator() {
        server = configure(new SimulatorServer(market, SimulatorServer.LOOPBACK, 0)).start();
        client = new SimulatorClient(server.baseUrl());
    }

    /** Faults or a served-tick listener, for the tests that want them. */
    SimulatorServer configure(SimulatorServer unstarted) {
        return unstarted;
    }

    @AfterEach
    void stopSimulator() {
        client.close();
        server.close();
    }

    /** The second of {@code exchange}'s last trade in {@code product} at the current simulated time. */
    long lastTrade(SimulatedExchange exchange, SimulatedProduct product) {
        return market.tape(exchange, product).lastTradeSecond(market.clock().now());
    }

    /** Moves simulated time on by {@code simulated} (60 times the real time that passes). */
    void advance(Duration simulated) {
        real.advance(simulated.dividedBy(60));
    }

    static long epoch(String instant) {
        return Instant.parse(instant).getEpochSecond();
    }
}
