package dev.rigwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigwatch.ingest.ExchangeSettings;
import dev.rigwatch.ingest.IngestSettings;
import dev.rigwatch.ingest.ListingSettings;
import dev.rigwatch.ingest.backfill.Backfill;
import dev.rigwatch.ingest.listing.MsrpFloor;
import dev.rigwatch.ingest.listing.ebay.EbaySettings;
import dev.rigwatch.ingest.listing.reddit.HardwareswapSettings;
import dev.rigwatch.streams.StreamsSettings;
import dev.rigwatch.streams.signal.rebound.ReboundConfig;
import dev.rigwatch.streams.signal.rebound.ReboundSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SettingsTest {

    @TempDir
    Path dir;

    @Test
    void codeDefaultsApplyWhenNothingElseIsSet() {
        BrokerCommand broker = parse(new Settings(Map.of(), null), "broker");
        assertThat(broker.port).isEqualTo(9092);
        assertThat(broker.dataDir).isNull();
    }

    @Test
    void flagBeatsEnvBeatsFileBeatsDefault() throws Exception {
        Path file = write("broker.port=7001\nstate-dir=/from/file\nrebound-drawdown-pct=12\n");

        Settings fileOnly = new Settings(Map.of(), file);
        assertThat(this.<BrokerCommand>parse(fileOnly, "broker").port).isEqualTo(7001);
        assertThat(this.<StreamsCommand>parse(fileOnly, "streams").signals.drawdownPct).isEqualTo(12.0);

        Settings envAndFile = new Settings(Map.of("RIGWATCH_BROKER_PORT", "7002", "RIGWATCH_STATE_DIR", "/from/env"), file);
        assertThat(this.<BrokerCommand>parse(envAndFile, "broker").port).isEqualTo(7002);
        assertThat(this.<StreamsCommand>parse(envAndFile, "streams").state.stateDir).isEqualTo(Path.of("/from/env"));

        assertThat(this.<BrokerCommand>parse(envAndFile, "broker", "--port", "7003").port).isEqualTo(7003);
    }

    @Test
    void commandSpecificEnvBeatsTheSharedOne() {
        Settings settings = new Settings(Map.of("RIGWATCH_STREAMS_STATE_DIR", "/streams", "RIGWATCH_STATE_DIR", "/shared"), null);
        assertThat(this.<StreamsCommand>parse(settings, "streams").state.stateDir).isEqualTo(Path.of("/streams"));
        assertThat(this.<AlertsCommand>parse(settings, "alerts").state.stateDir).isEqualTo(Path.of("/shared"));
    }

    @Test
    void eachLongRunningStageHasItsOwnMetricsPortAndTheEnvSetsThem() {
        Settings none = new Settings(Map.of(), null);
        assertThat(this.<IngestCommand>parse(none, "ingest").metrics.port()).isEqualTo(9401);
        assertThat(this.<StreamsCommand>parse(none, "streams").metrics.port()).isEqualTo(9402);
        assertThat(this.<AlertsCommand>parse(none, "alerts").metrics.port()).isEqualTo(9403);
        assertThat(this.<AlertsWebhooksCommand>parse(none, "alerts", "webhooks").metrics.port()).isEqualTo(9404);
        assertThat(this.<IngestCommand>parse(none, "ingest").metrics.bind).isEqualTo("127.0.0.1");

        Settings env = new Settings(Map.of("RIGWATCH_METRICS_PORT", "0", "RIGWATCH_STREAMS_METRICS_PORT", "9999",
                "RIGWATCH_METRICS_BIND", "0.0.0.0"), null);
        assertThat(this.<IngestCommand>parse(env, "ingest").metrics.port()).isZero();
        assertThat(this.<StreamsCommand>parse(env, "streams").metrics.port()).isEqualTo(9999);
        assertThat(this.<AlertsCommand>parse(env, "alerts").metrics.bind).isEqualTo("0.0.0.0");
        assertThat(this.<IngestCommand>parse(env, "ingest", "--metrics-port", "9411").metrics.port()).isEqualTo(9411);
    }

    @Test
    void bootstrapServersAlsoComeFromTheStandardKafkaEnvVar() {
        Settings kafkaOnly = new Settings(Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092"), null);
        assertThat(this.<StreamsCommand>parse(kafkaOnly, "streams").kafka.bootstrapServers).isEqualTo("kafka:9092");

        Settings both = new Settings(Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092", "RIGWATCH_BOOTSTRAP_SERVERS", "ours:9092"), null);
        assertThat(this.<StreamsCommand>parse(both, "streams").kafka.bootstrapServers).isEqualTo("ours:9092");
    }

    @Test
    void durationsFromTheEnvAreConvertedLikeFlags() {
        Settings settings = new Settings(Map.of("RIGWATCH_CANDLE_GRACE", "30s"), null);
        assertThat(this.<StreamsCommand>parse(settings, "streams").signals.candleGrace).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void ingestPollsEveryExchangeWithItsOwnDefaultsUnlessToldOtherwise() {
        IngestCommand ingest = parse(new Settings(Map.of(), null), "ingest");
        assertThat(ingest.settings()).isEqualTo(IngestSettings.defaults().withListings(ListingSettings.none()
                .withHardwareswap(HardwareswapSettings.defaults(), ListingSettings.DEFAULT_HARDWARESWAP_INTERVAL)));
    }

    @Test
    void ebayIsPolledOnlyWithCredentialsWhichComeFromTheStandardEnvVars() {
        IngestCommand withoutKeys = parse(new Settings(Map.of(), null), "ingest");
        assertThat(withoutKeys.settings().listings().ebay()).isNull();

        IngestCommand withKeys = parse(new Settings(Map.of("EBAY_CLIENT_ID", "app-id", "EBAY_CLIENT_SECRET", "cert-id",
                "RIGWATCH_EBAY_QUERIES", "rtx 3090, rtx 4090"), null), "ingest");
        EbaySettings ebay = withKeys.settings().listings().ebay();
        assertThat(ebay).isEqualTo(new EbaySettings(HttpUrl.get(EbaySettings.DEFAULT_BASE_URL), "app-id", "cert-id",
                List.of("rtx 3090", "rtx 4090"), EbaySettings.DEFAULT_PAGE_SIZE, EbaySettings.DEFAULT_MAX_PAGES,
                EbaySettings.DEFAULT_MARKETPLACE_ID));
        assertThat(withKeys.settings().listings().ebayInterval()).isEqualTo(ListingSettings.DEFAULT_EBAY_INTERVAL);
        assertThat(ebay.toString()).doesNotContain("cert-id");
    }

    @Test
    void theStreamsCommandsDefaultsAreTheCodesExceptWhereTheCommandLineSaysOtherwise() {
        StreamsCommand streams = parse(new Settings(Map.of("RIGWATCH_CAPITULATION_ELECTRICITY_USD_PER_KWH", "0.20"), null),
                "streams", "--gpu-rebound-drawdown-pct", "20");
        StreamsSettings settings = streams.settings();
        StreamsSettings defaults = StreamsSettings.defaults();

        assertThat(settings.gpuStats()).isEqualTo(defaults.gpuStats());
        assertThat(settings.tightness()).isEqualTo(defaults.tightness());
        assertThat(settings.lifecycle()).isEqualTo(defaults.lifecycle());
        assertThat(settings.rebound().crypto()).isEqualTo(defaults.rebound().crypto());
        assertThat(settings.rebound().gpuDaily()).isEqualTo(defaults.rebound().gpuDaily());
        assertThat(settings.rebound().gpu()).isEqualTo(new ReboundConfig(20, ReboundSettings.GPU_DEFAULTS.recoveryPct(),
                ReboundSettings.GPU_DEFAULTS.confirmWindows(), ReboundSettings.GPU_DEFAULTS.lookbackWindows()));
        assertThat(settings.capitulation()).isEqualTo(
                defaults.capitulation().withElectricityUsdPerKwh(new BigDecimal("0.20")));
    }

    @Test
    void theIngestCommandsDefaultEbaySearchesAreTheCodes() {
        IngestCommand ingest = parse(new Settings(Map.of("EBAY_CLIENT_ID", "a", "EBAY_CLIENT_SECRET", "b"), null),
                "ingest");
        assertThat(ingest.settings().listings().ebay().queries()).isEqualTo(ListingSettings.DEFAULT_EBAY_QUERIES);
    }

    @Test
    void eachExchangeOfIngestIsSetByItsOwnEnvVarsAndOnlyThePolledOnesAreRead() {
        Settings settings = new Settings(Map.of("RIGWATCH_KRAKEN_URL", "http://127.0.0.1:8080",
                "RIGWATCH_INGEST_KRAKEN_SYMBOLS", "SOL-USD", "RIGWATCH_KRAKEN_INTERVAL", "5s",
                "RIGWATCH_EXCHANGES", "kraken,binance", "RIGWATCH_BITSTAMP_URL", "not a URL"), null);
        IngestSettings ingest = this.<IngestCommand>parse(settings, "ingest").settings();
        assertThat(ingest.exchanges()).containsExactly(
                new ExchangeSettings("kraken", "http://127.0.0.1:8080", List.of("SOL-USD"), Duration.ofSeconds(5)),
                ExchangeSettings.defaults("binance"));
    }

    @Test
    void backfillTakesItsRequiredOptionsFromTheEnvToo() {
        Settings settings = new Settings(Map.of("RIGWATCH_BACKFILL_EXCHANGE", "kraken", "RIGWATCH_SYMBOL", "BTC-USD",
                "RIGWATCH_BACKFILL_FROM", "2026-11-01", "RIGWATCH_BACKFILL_TO", "2026-11-02T06:00:00Z",
                "RIGWATCH_BACKFILL_URL", "http://127.0.0.1:8080"), null);
        BackfillCommand backfill = parse(settings, "backfill", "--into", "ticks");
        assertThat(backfill.exchange).isEqualTo("kraken");
        assertThat(backfill.symbol).isEqualTo("BTC-USD");
        assertThat(backfill.from).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(backfill.to).isEqualTo(Instant.parse("2026-11-02T06:00:00Z"));
        assertThat(backfill.interval).isEqualTo(Duration.ofMinutes(1));
        assertThat(backfill.into).isEqualTo(Backfill.Target.TICKS);
        assertThat(backfill.url).isEqualTo("http://127.0.0.1:8080");
    }

    @Test
    void anUnreadableConfigFileIsAClearError() {
        Path missing = dir.resolve("nope.properties");
        assertThatThrownBy(() -> new Settings(Map.of(), missing))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot read the config file " + missing);
    }

    @Test
    void configCommandListsEverySettingWithItsSourceAndHowToSetIt() throws Exception {
        Path file = write("broker.port=7001\n");
        Settings settings = new Settings(Map.of("RIGWATCH_STATE_DIR", "/from/env"), file);
        String listing = runConfig(settings);
        assertThat(listing)
                .contains("config file: " + file)
                .contains("  --port                   7001   (" + file + ": broker.port)")
                .contains("env RIGWATCH_BROKER_PORT or RIGWATCH_PORT | file key broker.port or port")
                .contains("  --state-dir              /from/env   (env RIGWATCH_STATE_DIR)")
                .contains("  --rebound-drawdown-pct   10   (default)")
                .contains("env RIGWATCH_STREAMS_BOOTSTRAP_SERVERS or RIGWATCH_BOOTSTRAP_SERVERS or KAFKA_BOOTSTRAP_SERVERS");
    }

    @Test
    void configCommandListsTheKafkaSecuritySettingsAndNeverShowsAPasswordOrSecret() throws Exception {
        Path truststore = Files.writeString(dir.resolve("truststore.p12"), "not parsed here");
        Path file = write("kafka-security-protocol=SASL_SSL\nkafka-ssl-truststore-password=file-trust-pw\n");
        Settings settings = new Settings(Map.of("KAFKA_SASL_USERNAME", "rigwatch-alerts",
                "KAFKA_SASL_PASSWORD", "env-sasl-pw", "RIGWATCH_KAFKA_SSL_TRUSTSTORE_LOCATION", truststore.toString(),
                "EBAY_CLIENT_ID", "app-id", "EBAY_CLIENT_SECRET", "env-ebay-secret"), file);

        String listing = runConfig(settings);

        assertThat(listing).doesNotContain("env-sasl-pw", "file-trust-pw", "env-ebay-secret")
                .contains("kafka client security (every command that connects to Kafka")
                .contains("  kafka-security-protocol  SASL_SSL   (" + file + ": kafka-security-protocol)")
                .contains("  kafka-sasl-username      rigwatch-alerts   (env KAFKA_SASL_USERNAME)")
                .contains("  kafka-sasl-password      (set, hidden)   (env KAFKA_SASL_PASSWORD)")
                .contains("  kafka-ssl-truststore-password (set, hidden)   (" + file + ": kafka-ssl-truststore-password)")
                .contains("  kafka-ssl-keystore-password -   (default)")
                .contains("  kafka-sasl-mechanism     SCRAM-SHA-512   (default)")
                .contains("env RIGWATCH_KAFKA_SASL_PASSWORD or KAFKA_SASL_PASSWORD | file key kafka-sasl-password")
                .contains("env RIGWATCH_KAFKA_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM or"
                        + " KAFKA_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM | file key kafka-ssl-endpoint-identification-algorithm")
                .contains("  --ebay-client-secret     (set, hidden)   (env EBAY_CLIENT_SECRET)")
                .doesNotContain("invalid:");
    }

    @Test
    void configCommandShowsWhatIsWrongWithTheKafkaSecurityInsteadOfFailing() throws Exception {
        Settings settings = new Settings(Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "KAFKA_SASL_PASSWORD", "pw-1"), null);

        String listing = runConfig(settings);

        assertThat(listing).contains("  invalid: Kafka client security: KAFKA_SECURITY_PROTOCOL=SASL_SSL needs"
                + " KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD, and KAFKA_SASL_USERNAME is not set")
                .doesNotContain("pw-1");
    }

    @Test
    void aCommandThatConnectsToKafkaRefusesInvalidSecurityInOneLineBeforeItStartsAnything() {
        Settings settings = new Settings(Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "KAFKA_SASL_USERNAME", "u",
                "KAFKA_SASL_PASSWORD", "pw-2", "KAFKA_SSL_TRUSTSTORE_LOCATION", "/nowhere/truststore.p12",
                // nothing listens there: a command that got past the check would wait for the cluster
                "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1"), null);
        CommandLine cli = Rigwatch.commandLine(settings);
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));

        long start = System.nanoTime();
        int exit = cli.execute("topics", "list");

        assertThat(exit).isEqualTo(1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(err.toString().lines().toList()).containsExactly(
                "rigwatch list: Kafka client security: KAFKA_SSL_TRUSTSTORE_LOCATION=/nowhere/truststore.p12: no such file",
                "(set RIGWATCH_DEBUG=1 for the stack trace)");
        assertThat(Rigwatch.commandLine(settings).execute("topics", "list", "--help")).isZero();
    }

    @Test
    void ingestGuardsAreSetLikeEveryOtherOption() {
        Settings settings = new Settings(Map.of("RIGWATCH_INGEST_STALE_AFTER", "90s", "RIGWATCH_MAX_PRICE_JUMP", "0.2"), null);
        IngestCommand ingest = parse(settings, "ingest", "--max-tick-age", "2m");

        assertThat(ingest.settings().staleAfter()).isEqualTo(Duration.ofSeconds(90));
        assertThat(ingest.settings().validation().maxJump()).isEqualTo(0.2);
        assertThat(ingest.settings().validation().maxStaleness()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void theMsrpFloorComesFromItsEnvVarOrFlagAndDefaultsTo15Percent() {
        Settings none = new Settings(Map.of(), null);
        Settings env = new Settings(Map.of("RIGWATCH_INGEST_MSRP_FLOOR", "0.05"), null);

        assertThat(this.<IngestCommand>parse(none, "ingest").settings().listings().msrpFloor())
                .isEqualTo(MsrpFloor.defaults());
        assertThat(this.<IngestCommand>parse(env, "ingest").settings().listings().msrpFloor())
                .isEqualTo(new MsrpFloor(new BigDecimal("0.05")));
        assertThat(this.<IngestCommand>parse(env, "ingest", "--msrp-floor", "0").settings().listings().msrpFloor())
                .isEqualTo(new MsrpFloor(BigDecimal.ZERO));
    }

    /** The output of {@code rigwatch config}. */
    private static String runConfig(Settings settings) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertThat(Rigwatch.commandLine(settings).execute("config")).isZero();
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private <T> T parse(Settings settings, String... args) {
        CommandLine cli = Rigwatch.commandLine(settings);
        CommandLine.ParseResult result = cli.parseArgs(args).subcommand();
        while (result.hasSubcommand()) {
            result = result.subcommand();
        }
        return (T) result.commandSpec().userObject();
    }

    private Path write(String text) throws Exception {
        Path file = dir.resolve("rigwatch.properties");
        Files.writeString(file, text);
        return file;
    }
}
