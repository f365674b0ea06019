package dev.rigwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigwatch.broker.testing.SharedKafka;
import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.events.Json;
import dev.rigwatch.events.TimeSource;
import dev.rigwatch.events.Topic;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.kafka.KafkaClients;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;
import picocli.CommandLine.TypeConversionException;

class CommandLineTest {

    @RegisterExtension
    final CapturedOutput captured = new CapturedOutput();
    private final ByteArrayOutputStream out = captured.out;
    private final ByteArrayOutputStream err = captured.err;

    @Test
    void everyCommandHasHelp() {
        List<String> commands = new ArrayList<>();
        collect(Rigwatch.commandLine(), commands);
        assertThat(commands).contains("rigwatch", "rigwatch demo", "rigwatch broker", "rigwatch simulate",
                "rigwatch ingest", "rigwatch backfill", "rigwatch streams", "rigwatch alerts", "rigwatch alerts tail",
                "rigwatch alerts subscribe", "rigwatch alerts unsubscribe", "rigwatch alerts list", "rigwatch alerts webhooks",
                "rigwatch import", "rigwatch replay", "rigwatch backtest", "rigwatch reset", "rigwatch topics create",
                "rigwatch topics list", "rigwatch topics describe", "rigwatch tail", "rigwatch gpu classify", "rigwatch gpu models");
        for (String command : commands) {
            List<String> args = new ArrayList<>(List.of(command.split(" "))).subList(1, command.split(" ").length);
            List<String> withHelp = new ArrayList<>(args);
            withHelp.add("--help");
            StringWriter usage = new StringWriter();
            CommandLine cli = Rigwatch.commandLine();
            cli.setOut(new PrintWriter(usage, true));
            assertThat(cli.execute(withHelp.toArray(String[]::new))).as(command + " --help").isZero();
            assertThat(usage.toString()).as(command + " --help").contains("Usage: " + command);
        }
    }

    /** The command list of {@code --help} shows a command's header, else its description's first line. */
    @Test
    void everyCommandListedInHelpHasAOneLineSummaryThatEndsItsSentence() {
        List<CommandLine> commands = new ArrayList<>();
        collectCommands(Rigwatch.commandLine(), commands);
        assertThat(commands).hasSizeGreaterThan(20);
        for (CommandLine command : commands) {
            CommandLine.Model.UsageMessageSpec usage = command.getCommandSpec().usageMessage();
            String[] summary = usage.header().length > 0 ? usage.header() : usage.description();
            assertThat(summary).as(command.getCommandSpec().qualifiedName() + " summary").hasSize(1);
            assertThat(summary[0]).as(command.getCommandSpec().qualifiedName() + " summary")
                    .endsWith(".").hasSizeLessThan(100);
        }
        StringWriter top = new StringWriter();
        CommandLine cli = Rigwatch.commandLine();
        cli.setOut(new PrintWriter(top, true));
        cli.execute("--help");
        assertThat(top.toString()).contains("ingest", "Run the ingest stage: poll exchange tickers and used-GPU listings")
                .doesNotContain("Coinbase, Kraken, Binance and\n");
    }

    private static void collectCommands(CommandLine cli, List<CommandLine> commands) {
        for (CommandLine sub : cli.getSubcommands().values()) {
            if (!sub.getCommandName().equals("help") && !commands.contains(sub)) {
                commands.add(sub);
                collectCommands(sub, commands);
            }
        }
    }

    @Test
    void topicsListShowsTheCatalogueAgainstARealBroker() {
        int exit = Rigwatch.commandLine().execute("topics", "list", "--bootstrap-servers", SharedKafka.bootstrapServers());

        assertThat(exit).isZero();
        String listing = out.toString(StandardCharsets.UTF_8);
        for (Topic<?, ?> topic : Topics.all()) {
            assertThat(listing).containsPattern("(?m)^" + topic.name().replace(".", "\\.") + " +yes ");
        }
    }

    @Test
    void topicsCreateIsIdempotent() {
        assertThat(Rigwatch.commandLine().execute("topics", "create", "--bootstrap-servers", SharedKafka.bootstrapServers()))
                .isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("crypto.ticks           EXISTS");
    }

    @Test
    void tailPrintsRecordsAsJsonLinesAndReportsPoisonRecordsWithTheirCoordinates() throws Exception {
        String bootstrap = SharedKafka.bootstrapServers();
        String exchange = "tail-" + UUID.randomUUID().toString().substring(0, 8);
        Instant time = Instant.parse("2026-11-24T10:00:00Z");
        CryptoTick tick = new CryptoTick(CryptoTick.VERSION, exchange, "BTC-USD", new BigDecimal("37412.83"), null, null,
                null, "1", time, time, TimeSource.EXCHANGE);
        long poisonOffset;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KafkaClients.producer(bootstrap, "tail-test"))) {
            byte[] key = tick.key().getBytes(StandardCharsets.UTF_8);
            poisonOffset = producer.send(new ProducerRecord<>(Topics.CRYPTO_TICKS.name(), null, time.toEpochMilli(), key,
                    "not json".getBytes(StandardCharsets.UTF_8))).get().offset();
            producer.send(new ProducerRecord<>(Topics.CRYPTO_TICKS.name(), null, time.toEpochMilli(), key,
                    Topics.CRYPTO_TICKS.valueSerde().serializer().serialize(Topics.CRYPTO_TICKS.name(), tick))).get();
        }

        int exit = Rigwatch.commandLine().execute("tail", Topics.CRYPTO_TICKS.name(), "--from-beginning",
                "--idle-timeout", "3s", "--bootstrap-servers", bootstrap);

        assertThat(exit).isZero();
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains(exchange)).toList();
        assertThat(lines).hasSize(1);
        var line = Json.mapper().readTree(lines.get(0));
        assertThat(line.get("key").asText()).isEqualTo(exchange + ":BTC-USD");
        assertThat(line.get("timestamp").asText()).isEqualTo("2026-11-24T10:00:00Z");
        assertThat(line.get("value").get("price").decimalValue()).isEqualByComparingTo("37412.83");
        assertThat(line.has("partition")).isTrue();
        assertThat(err.toString(StandardCharsets.UTF_8))
                .containsPattern("skipped crypto\\.ticks/\\d+@" + poisonOffset + ": malformed CryptoTick on topic crypto\\.ticks");
    }

    @Test
    void tailOfAnUnknownTopicSaysSo() {
        int exit = Rigwatch.commandLine().execute("tail", "no.such.topic", "--max", "1",
                "--bootstrap-servers", SharedKafka.bootstrapServers());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("topic no.such.topic does not exist");
    }

    @Test
    void gpuClassifyPrintsOneTabSeparatedLinePerTitle() {
        InputStream originalIn = System.in;
        System.setIn(new ByteArrayInputStream(("EVGA GeForce RTX 3090 FTW3 ULTRA GAMING 24GB GDDR6X Graphics Card\n"
                + "\n"
                + "NVIDIA GeForce RTX 3090 Founders Edition 24GB - FOR PARTS NOT WORKING\n").getBytes(StandardCharsets.UTF_8)));
        try {
            assertThat(Rigwatch.commandLine().execute("gpu", "classify")).isZero();
        } finally {
            System.setIn(originalIn);
        }
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "EVGA GeForce RTX 3090 FTW3 ULTRA GAMING 24GB GDDR6X Graphics Card\tRTX 3090\t1.00\t-",
                "NVIDIA GeForce RTX 3090 Founders Edition 24GB - FOR PARTS NOT WORKING\t-\t0.00\tfor-parts");
    }

    @Test
    void gpuModelsListsTheCatalogue() {
        assertThat(Rigwatch.commandLine().execute("gpu", "models")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).lines())
                .first().isEqualTo("vendor\tmodel\tfamily\tvram_gb\tlaunch_msrp_usd\tlaunch_date\teth_hashrate_mhs\tpower_w");
        assertThat(out.toString(StandardCharsets.UTF_8).lines())
                .contains("NVIDIA\tRTX 3090\tGeForce RTX 30\t24\t1499\t2020-09\t120\t350")
                .hasSizeGreaterThan(90);
    }

    @Test
    void durationsAreReadAsPeopleTypeThem() {
        DurationConverter converter = new DurationConverter();
        assertThat(converter.convert("200ms")).isEqualTo(Duration.ofMillis(200));
        assertThat(converter.convert("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(converter.convert("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(converter.convert("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(converter.convert("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(converter.convert("PT90S")).isEqualTo(Duration.ofSeconds(90));
        assertThatThrownBy(() -> converter.convert("soon")).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("'soon' is not a duration");
    }

    private static void collect(CommandLine cli, List<String> names) {
        names.add(cli.getCommandSpec().qualifiedName());
        cli.getSubcommands().values().stream().distinct()
                .filter(sub -> !sub.getCommandName().equals("help"))
                .forEach(sub -> collect(sub, names));
    }
}
