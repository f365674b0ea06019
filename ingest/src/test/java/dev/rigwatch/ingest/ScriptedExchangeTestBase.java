package dev.rigwatch.ingest;

import dev.rigwatch.broker.testing.SharedKafka;
import dev.rigwatch.events.kafka.EventProducer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** A poller test's world: a scripted exchange on a MockWebServer, and a producer to the shared real broker. */
abstract class ScriptedExchangeTestBase {

    static final OkHttpClient http = new OkHttpClient();
    static EventProducer producer;

    final MockWebServer server = new MockWebServer();
    final ScriptedExchange exchange = new ScriptedExchange();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    /** The poller under test, closed after each test. */
    TickerPoller poller;

    @BeforeAll
    static void connect() {
        producer = new EventProducer(SharedKafka.bootstrapServers(), "ingest-poller-test");
    }

    @AfterAll
    static void disconnect() {
        producer.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    @BeforeEach
    void startExchange() throws IOException {
        server.setDispatcher(exchange);
        server.start();
    }

    @AfterEach
    void stop() {
        if (poller != null) {
            poller.close();
        }
        server.close();
    }
}
