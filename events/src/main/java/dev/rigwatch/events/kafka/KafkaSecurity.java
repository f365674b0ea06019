package dev.rigwatch.events.kafka;

import dev.rigwatch.events.config.ConfigSource;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.security.plain.PlainLoginModule;
import org.apache.kafka.common.security.scram.ScramLoginModule;

/**
 * How a process's Kafka clients authenticate and encrypt: the security protocol, a SASL user, the trust store and,
 * for brokers that require a client certificate, a key store. {@link KafkaClients} and {@link StreamsStage} apply it
 * to every admin, producer, consumer and Kafka Streams instance. The {@code toString} of this record and its parts
 * never shows a password.
 *
 * @param sasl                            the user; present exactly when the protocol is SASL_PLAINTEXT or SASL_SSL
 * @param truststore                      the CA certificates to trust; null for the JVM's default ones (or no TLS)
 * @param keystore                        this client's certificate and key; null for none (or no TLS)
 * @param endpointIdentificationAlgorithm {@code https} to check that the broker's certificate names its host, empty
 *                                        to skip the check
 */
public record KafkaSecurity(SecurityProtocol protocol, Sasl sasl, Truststore truststore, Keystore keystore,
                            String endpointIdentificationAlgorithm) {

    /** No TLS, no authentication: Kafka's default, and what the embedded broker's client listener speaks. */
    public static final KafkaSecurity PLAINTEXT = new KafkaSecurity(SecurityProtocol.PLAINTEXT, null, null, null, "https");

    public KafkaSecurity {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(endpointIdentificationAlgorithm, "endpointIdentificationAlgorithm");
        if (isSasl(protocol) != (sasl != null)) {
            throw new IllegalArgumentException(protocol + (sasl == null ? " needs a SASL user" : " takes no SASL user"));
        }
        if (!isTls(protocol) && (truststore != null || keystore != null)) {
            throw new IllegalArgumentException(protocol + " has no TLS, so no trust store or key store");
        }
    }

    /**
     * The security this process's env vars and config file set (see {@link KafkaSecuritySetting}), read each time it
     * is asked for: like the bootstrap servers' env var, it is one setting of the whole process rather than a
     * parameter of each stage, so it reaches every client without being passed through every constructor, and it
     * holds no state of its own that a test would have to reset.
     *
     * @throws IllegalArgumentException with one line naming the env var, when the settings are invalid
     */
    public static KafkaSecurity ofProcess() {
        return from(ConfigSource.ofProcess());
    }

    /**
     * @throws IllegalArgumentException with one line naming the env var (and the file key, for a value from the
     *                                  file), when the settings are invalid or a store file is missing
     */
    public static KafkaSecurity from(ConfigSource source) {
        return new KafkaSecurityReader(source).read();
    }

    /** As {@link #from(ConfigSource)} with these env vars and no config file. */
    public static KafkaSecurity fromEnvironment(Map<String, String> env) {
        return from(new ConfigSource(env, null));
    }

    /** Adds the client settings for this security to {@code props} and returns it. */
    public Properties apply(Properties props) {
        props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, protocol.name);
        if (sasl != null) {
            props.put(SaslConfigs.SASL_MECHANISM, sasl.mechanism().kafkaName());
            props.put(SaslConfigs.SASL_JAAS_CONFIG, sasl.jaasConfig());
        }
        if (isTls(protocol)) {
            props.put(SslConfigs.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG, endpointIdentificationAlgorithm);
        }
        if (truststore != null) {
            props.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, truststore.location().toString());
            props.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, truststore.type());
            putIfSet(props, SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, truststore.password());
        }
        if (keystore != null) {
            props.put(SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, keystore.location().toString());
            props.put(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, keystore.type());
            putIfSet(props, SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG, keystore.password());
            putIfSet(props, SslConfigs.SSL_KEY_PASSWORD_CONFIG, keystore.keyPassword());
        }
        return props;
    }

    public boolean isPlaintext() {
        return protocol == SecurityProtocol.PLAINTEXT;
    }

    static boolean isSasl(SecurityProtocol protocol) {
        return protocol == SecurityProtocol.SASL_PLAINTEXT || protocol == SecurityProtocol.SASL_SSL;
    }

    static boolean isTls(SecurityProtocol protocol) {
        return protocol == SecurityProtocol.SSL || protocol == SecurityProtocol.SASL_SSL;
    }

    private static void putIfSet(Properties props, String key, String value) {
        if (value != null) {
            props.put(key, value);
        }
    }

    /** The SASL mechanisms rigwatch builds a login for; Kerberos and OAuth need more than a user and password. */
    public enum SaslMechanism {
        SCRAM_SHA_512("SCRAM-SHA-512", ScramLoginModule.class),
        SCRAM_SHA_256("SCRAM-SHA-256", ScramLoginModule.class),
        PLAIN("PLAIN", PlainLoginModule.class);

        private final String kafkaName;
        private final Class<?> loginModule;

        SaslMechanism(String kafkaName, Class<?> loginModule) {
            this.kafkaName = kafkaName;
            this.loginModule = loginModule;
        }

        /** The name Kafka's {@code sasl.mechanism} takes: {@code SCRAM-SHA-512}. */
        public String kafkaName() {
            return kafkaName;
        }

        /** The mechanism named {@code name} (any case), or null. */
        public static SaslMechanism forName(String name) {
            for (SaslMechanism mechanism : values()) {
                if (mechanism.kafkaName.equalsIgnoreCase(name)) {
                    return mechanism;
                }
            }
            return null;
        }
    }

    /** A SASL user; users set a name and a password, and the JAAS line Kafka wants is built from them. */
    public record Sasl(SaslMechanism mechanism, String username, String password) {

        public Sasl {
            Objects.requireNonNull(mechanism, "mechanism");
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }

        /** Kafka's {@code sasl.jaas.config} for this user; Kafka treats it as a password and logs it as [hidden]. */
        public String jaasConfig() {
            return mechanism.loginModule.getName() + " required username=\"" + quoted(username)
                    + "\" password=\"" + quoted(password) + "\";";
        }

        /** Kafka parses the JAAS line with a {@link java.io.StreamTokenizer}, which reads backslash escapes. */
        private static String quoted(String value) {
            return value.replace("\\", "\\\\").replace("\"", "\\\"");
        }

        @Override
        public String toString() {
            return "Sasl[" + mechanism.kafkaName + ", user " + username + ", password hidden]";
        }
    }

    /** @param password null when the store has none (a PEM file, or a trust store read without a check) */
    public record Truststore(Path location, String type, String password) {

        public Truststore {
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(type, "type");
        }

        @Override
        public String toString() {
            return "Truststore[" + type + " " + location + (password == null ? "" : ", password hidden") + "]";
        }
    }

    /** @param keyPassword null to use the store's password (Kafka's default) */
    public record Keystore(Path location, String type, String password, String keyPassword) {

        public Keystore {
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(type, "type");
        }

        @Override
        public String toString() {
            return "Keystore[" + type + " " + location + (password == null ? "" : ", password hidden")
                    + (keyPassword == null ? "" : ", key password hidden") + "]";
        }
    }
}
