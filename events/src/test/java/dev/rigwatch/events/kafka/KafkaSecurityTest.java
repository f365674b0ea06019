package dev.rigwatch.events.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigwatch.events.config.ConfigSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.security.JaasContext;
import org.apache.kafka.common.security.plain.PlainLoginModule;
import org.apache.kafka.common.security.scram.ScramLoginModule;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaSecurityTest {

    @TempDir
    Path dir;

    private Path truststore;

    @BeforeEach
    void storeFiles() throws Exception {
        truststore = Files.writeString(dir.resolve("truststore.p12"), "not parsed here");
    }

    @Test
    void nothingSetIsPlaintextAsKafkasDefault() {
        KafkaSecurity security = KafkaSecurity.fromEnvironment(Map.of());

        assertThat(security).isEqualTo(KafkaSecurity.PLAINTEXT);
        assertThat(security.apply(new Properties())).containsExactly(Map.entry("security.protocol", "PLAINTEXT"));
    }

    @Test
    void saslSslBuildsTheJaasLoginFromTheUserAndAPasswordOfAnyCharacters() {
        String password = "p\"a ss\\w;o=rd} ";
        KafkaSecurity security = KafkaSecurity.fromEnvironment(Map.of("KAFKA_SECURITY_PROTOCOL", "sasl_ssl",
                "KAFKA_SASL_USERNAME", "rigwatch-streams", "KAFKA_SASL_PASSWORD", password,
                "KAFKA_SSL_TRUSTSTORE_LOCATION", truststore.toString(), "KAFKA_SSL_TRUSTSTORE_PASSWORD", "store-pw"));

        Properties props = security.apply(new Properties());

        assertThat(props).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("ssl.truststore.location", truststore.toString())
                .containsEntry("ssl.truststore.type", "PKCS12")
                .containsEntry("ssl.truststore.password", "store-pw")
                .containsEntry("ssl.endpoint.identification.algorithm", "https")
                .doesNotContainKeys("ssl.keystore.location", "ssl.keystore.password", "ssl.key.password");
        AppConfigurationEntry login = login(props);
        assertThat(login.getLoginModuleName()).isEqualTo(ScramLoginModule.class.getName());
        assertThat(login.getOptions().get("username")).isEqualTo("rigwatch-streams");
        assertThat(login.getOptions().get("password")).isEqualTo(password);
    }

    @Test
    void scramSha256AndPlainAreAcceptedInAnyCaseAndOtherMechanismsAreRefused() {
        Map<String, String> env = new HashMap<>(Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                "KAFKA_SASL_USERNAME", "u", "KAFKA_SASL_PASSWORD", "p"));

        env.put("KAFKA_SASL_MECHANISM", "scram-sha-256");
        assertThat(KafkaSecurity.fromEnvironment(env).apply(new Properties()))
                .containsEntry("sasl.mechanism", "SCRAM-SHA-256")
                .doesNotContainKey("ssl.endpoint.identification.algorithm");
        env.put("KAFKA_SASL_MECHANISM", "PLAIN");
        assertThat(login(KafkaSecurity.fromEnvironment(env).apply(new Properties())).getLoginModuleName())
                .isEqualTo(PlainLoginModule.class.getName());
        env.put("KAFKA_SASL_MECHANISM", "GSSAPI");
        assertThatThrownBy(() -> KafkaSecurity.fromEnvironment(env))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Kafka client security: KAFKA_SASL_MECHANISM=GSSAPI is not supported: use SCRAM-SHA-512,"
                        + " SCRAM-SHA-256, PLAIN");
    }

    @Test
    void anUnknownProtocolIsRefusedNamingTheEnvVarItCameFrom() {
        assertThatThrownBy(() -> KafkaSecurity.fromEnvironment(Map.of("RIGWATCH_KAFKA_SECURITY_PROTOCOL", "TLS")))
                .hasMessage("Kafka client security: RIGWATCH_KAFKA_SECURITY_PROTOCOL=TLS is not a security protocol:"
                        + " use PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL");
    }

    @Test
    void aSaslProtocolWithoutItsUserOrPasswordIsRefusedWithoutShowingThePassword() {
        assertThatThrownBy(() -> KafkaSecurity.fromEnvironment(Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_SSL")))
                .hasMessage("Kafka client security: KAFKA_SECURITY_PROTOCOL=SASL_SSL needs KAFKA_SASL_USERNAME and"
                        + " KAFKA_SASL_PASSWORD, and KAFKA_SASL_USERNAME is not set");
        assertThatThrownBy(() -> KafkaSecurity.fromEnvironment(Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SASL_USERNAME", "u")))
                .hasMessageEndingWith("and KAFKA_SASL_PASSWORD is not set");
        assertThatThrownBy(() -> KafkaSecurity.fromEnvironment(Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SASL_USERNAME", "u", "KAFKA_SASL_PASSWORD", "hunter2", "KAFKA_SSL_TRUSTSTORE_LOCATION",
                dir.resolve("missing.p12").toString())))
                .hasMessage("Kafka client security: KAFKA_SSL_TRUSTSTORE_LOCATION=" + dir.resolve("missing.p12")
                        + ": no such file")
                .message().doesNotContain("hunter2");
    }

    @Test
    void aSettingTheProtocolWouldIgnoreIsRefusedSinceItMostOftenMeansAForgottenProtocol() {
        assertThatThrownBy(() -> KafkaSecurity.fromEnvironment(Map.of("KAFKA_SSL_TRUSTSTORE_LOCATION",
                truststore.toString())))
                .hasMessage("Kafka client security: KAFKA_SSL_TRUSTSTORE_LOCATION is set, but"
                        + " KAFKA_SECURITY_PROTOCOL=PLAINTEXT (the default): TLS settings need SSL or SASL_SSL");
        assertThatThrownBy(() -> KafkaSecurity.fromEnvironment(Map.of("KAFKA_SECURITY_PROTOCOL", "SSL",
                "KAFKA_SASL_PASSWORD", "hunter2")))
                .hasMessage("Kafka client security: KAFKA_SASL_PASSWORD is set, but KAFKA_SECURITY_PROTOCOL=SSL:"
                        + " SASL settings need SASL_SSL or SASL_PLAINTEXT");
    }

    @Test
    void aKeyStoreForMutualTlsNeedsItsPasswordAndKeepsItsKeyPassword() throws Exception {
        Path keystore = Files.writeString(dir.resolve("client.p12"), "not parsed here");
        Map<String, String> env = new HashMap<>(Map.of("KAFKA_SECURITY_PROTOCOL", "SSL",
                "KAFKA_SSL_KEYSTORE_LOCATION", keystore.toString(), "KAFKA_SSL_KEYSTORE_TYPE", "jks"));
        assertThatThrownBy(() -> KafkaSecurity.fromEnvironment(env))
                .hasMessage("Kafka client security: KAFKA_SSL_KEYSTORE_LOCATION is set, and KAFKA_SSL_KEYSTORE_PASSWORD"
                        + " is not");

        env.putAll(Map.of("KAFKA_SSL_KEYSTORE_PASSWORD", "ks-pw", "KAFKA_SSL_KEY_PASSWORD", "key-pw"));
        assertThat(KafkaSecurity.fromEnvironment(env).apply(new Properties()))
                .containsEntry("security.protocol", "SSL")
                .containsEntry("ssl.keystore.location", keystore.toString())
                .containsEntry("ssl.keystore.type", "JKS")
                .containsEntry("ssl.keystore.password", "ks-pw")
                .containsEntry("ssl.key.password", "key-pw")
                .doesNotContainKeys("ssl.truststore.location", "sasl.jaas.config");
    }

    @Test
    void anEmptyEndpointIdentificationTurnsHostNameChecksOffAndOnlyHttpsIsAnAlgorithm() {
        Map<String, String> env = new HashMap<>(Map.of("KAFKA_SECURITY_PROTOCOL", "SSL",
                "KAFKA_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM", ""));
        assertThat(KafkaSecurity.fromEnvironment(env).apply(new Properties()))
                .containsEntry("ssl.endpoint.identification.algorithm", "");

        env.put("KAFKA_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM", "none");
        assertThatThrownBy(() -> KafkaSecurity.fromEnvironment(env))
                .hasMessage("Kafka client security: KAFKA_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM=none: use https, or"
                        + " an empty value to skip the host name check");
    }

    @Test
    void rigwatchsEnvVarBeatsTheStandardOneWhichBeatsTheConfigFile() throws Exception {
        Path file = Files.writeString(dir.resolve("rigwatch.properties"), "kafka-security-protocol=SASL_SSL\n"
                + "kafka-sasl-username=from-file\nkafka-sasl-password=file-pw\nkafka-ssl-truststore-location="
                + truststore + "\n");

        KafkaSecurity fileOnly = KafkaSecurity.from(new ConfigSource(Map.of(), file));
        KafkaSecurity envOverFile = KafkaSecurity.from(new ConfigSource(Map.of("KAFKA_SASL_USERNAME", "standard",
                "RIGWATCH_KAFKA_SASL_USERNAME", "ours"), file));

        assertThat(fileOnly.sasl().username()).isEqualTo("from-file");
        assertThat(fileOnly.truststore().location()).isEqualTo(truststore);
        assertThat(envOverFile.sasl().username()).isEqualTo("ours");
        assertThat(envOverFile.sasl().password()).isEqualTo("file-pw");
    }

    @Test
    void aBadValueFromTheConfigFileIsNamedByItsKeyFileAndEnvVar() throws Exception {
        Path file = Files.writeString(dir.resolve("rigwatch.properties"), "kafka-ssl-truststore-type=P12\n"
                + "kafka-security-protocol=SSL\nkafka-ssl-truststore-location=" + truststore + "\n");

        assertThatThrownBy(() -> KafkaSecurity.from(new ConfigSource(Map.of(), file)))
                .hasMessage("Kafka client security: kafka-ssl-truststore-type=P12 (in " + file
                        + "; env KAFKA_SSL_TRUSTSTORE_TYPE) is not a store type: use PKCS12, JKS, PEM");
    }

    @Test
    void noToStringShowsAPassword() throws Exception {
        Path keystore = Files.writeString(dir.resolve("client.p12"), "not parsed here");
        KafkaSecurity security = KafkaSecurity.fromEnvironment(Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SASL_USERNAME", "u", "KAFKA_SASL_PASSWORD", "sasl-secret",
                "KAFKA_SSL_TRUSTSTORE_LOCATION", truststore.toString(), "KAFKA_SSL_TRUSTSTORE_PASSWORD", "trust-secret",
                "KAFKA_SSL_KEYSTORE_LOCATION", keystore.toString(), "KAFKA_SSL_KEYSTORE_PASSWORD", "keystore-secret",
                "KAFKA_SSL_KEY_PASSWORD", "key-secret"));

        assertThat(security.toString()).contains("SASL_SSL", "user u", "password hidden")
                .doesNotContain("sasl-secret", "trust-secret", "keystore-secret", "key-secret");
    }

    private static AppConfigurationEntry login(Properties props) {
        Map<String, Object> configs = new HashMap<>();
        props.forEach((key, value) -> configs.put((String) key, value));
        configs.put("sasl.jaas.config", new org.apache.kafka.common.config.types.Password(
                props.getProperty("sasl.jaas.config")));
        return JaasContext.loadClientContext(configs).configurationEntries().get(0);
    }
}
