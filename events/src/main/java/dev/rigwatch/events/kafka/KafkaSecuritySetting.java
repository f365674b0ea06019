package dev.rigwatch.events.kafka;

import dev.rigwatch.events.config.ConfigSource;
import java.util.List;
import java.util.Locale;

/**
 * The settings {@link KafkaSecurity} is read from. Each has the standard name {@code KAFKA_<NAME>}, rigwatch's own
 * {@code RIGWATCH_KAFKA_<NAME>} (which wins, as {@code RIGWATCH_BOOTSTRAP_SERVERS} wins over
 * {@code KAFKA_BOOTSTRAP_SERVERS}) and the config-file key {@code kafka-<name>}. There are no flags for them: a
 * password on a command line is visible to every user of the host.
 */
public enum KafkaSecuritySetting {

    SECURITY_PROTOCOL("PLAINTEXT", false, "PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL"),
    SASL_MECHANISM("SCRAM-SHA-512", false, "SCRAM-SHA-512, SCRAM-SHA-256 or PLAIN; with SASL_* only"),
    SASL_USERNAME(null, false, "the SASL user; required with SASL_*"),
    SASL_PASSWORD(null, true, "the SASL user's password; required with SASL_*"),
    SSL_TRUSTSTORE_LOCATION(null, false, "the CA certificates to trust; unset: the JVM's default trust store"),
    SSL_TRUSTSTORE_PASSWORD(null, true, "the trust store's password"),
    SSL_TRUSTSTORE_TYPE("PKCS12", false, "PKCS12, JKS or PEM"),
    SSL_KEYSTORE_LOCATION(null, false, "this client's key and certificate, for brokers that require one (mTLS)"),
    SSL_KEYSTORE_PASSWORD(null, true, "the key store's password; required with a key store"),
    SSL_KEYSTORE_TYPE("PKCS12", false, "PKCS12, JKS or PEM"),
    SSL_KEY_PASSWORD(null, true, "the key's password; unset: the key store's password"),
    SSL_ENDPOINT_IDENTIFICATION_ALGORITHM("https", false,
            "https checks the broker's certificate names its host; empty turns the check off");

    private final String defaultValue;
    private final boolean secret;
    private final String description;

    KafkaSecuritySetting(String defaultValue, boolean secret, String description) {
        this.defaultValue = defaultValue;
        this.secret = secret;
        this.description = description;
    }

    /** {@code KAFKA_SASL_PASSWORD}: the name messages use, as the one most deployments set. */
    public String standardEnv() {
        return "KAFKA_" + name();
    }

    /** Rigwatch's own name first, then the standard one. */
    public List<String> envNames() {
        return List.of("RIGWATCH_KAFKA_" + name(), standardEnv());
    }

    public String fileKey() {
        return "kafka-" + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** What applies when nothing sets it; null when that is "none". */
    public String defaultValue() {
        return defaultValue;
    }

    /** A password: never printed or logged, only whether it is set. */
    public boolean secret() {
        return secret;
    }

    public String description() {
        return description;
    }

    /** The value in effect and where it came from, or null when unset (the default applies). */
    public ConfigSource.Value lookup(ConfigSource source) {
        // an empty value is how Kafka turns host name checks off, so only there does empty count as set
        return source.lookup(envNames(), List.of(fileKey()), this == SSL_ENDPOINT_IDENTIFICATION_ALGORITHM);
    }
}
