package dev.rigwatch.events.kafka;

import static dev.rigwatch.events.kafka.KafkaSecuritySetting.SASL_MECHANISM;
import static dev.rigwatch.events.kafka.KafkaSecuritySetting.SASL_PASSWORD;
import static dev.rigwatch.events.kafka.KafkaSecuritySetting.SASL_USERNAME;
import static dev.rigwatch.events.kafka.KafkaSecuritySetting.SECURITY_PROTOCOL;
import static dev.rigwatch.events.kafka.KafkaSecuritySetting.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM;
import static dev.rigwatch.events.kafka.KafkaSecuritySetting.SSL_KEYSTORE_LOCATION;
import static dev.rigwatch.events.kafka.KafkaSecuritySetting.SSL_KEYSTORE_PASSWORD;
import static dev.rigwatch.events.kafka.KafkaSecuritySetting.SSL_KEYSTORE_TYPE;
import static dev.rigwatch.events.kafka.KafkaSecuritySetting.SSL_KEY_PASSWORD;
import static dev.rigwatch.events.kafka.KafkaSecuritySetting.SSL_TRUSTSTORE_LOCATION;
import static dev.rigwatch.events.kafka.KafkaSecuritySetting.SSL_TRUSTSTORE_PASSWORD;
import static dev.rigwatch.events.kafka.KafkaSecuritySetting.SSL_TRUSTSTORE_TYPE;

import dev.rigwatch.events.config.ConfigSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.kafka.common.security.auth.SecurityProtocol;

/**
 * Reads a {@link KafkaSecurity} from env vars and the config file, refusing what Kafka would only fail on later, or
 * would silently accept: a SASL protocol without its user, a store file that is not there, a TLS or SASL setting that
 * the protocol would ignore (most often a forgotten {@code KAFKA_SECURITY_PROTOCOL}). Each refusal is one line naming
 * the env var; passwords are named, never shown.
 */
final class KafkaSecurityReader {

    private static final List<String> STORE_TYPES = List.of("PKCS12", "JKS", "PEM");
    private static final List<KafkaSecuritySetting> SASL_SETTINGS = List.of(SASL_MECHANISM, SASL_USERNAME, SASL_PASSWORD);
    private static final List<KafkaSecuritySetting> TLS_SETTINGS = List.of(SSL_TRUSTSTORE_LOCATION,
            SSL_TRUSTSTORE_PASSWORD, SSL_TRUSTSTORE_TYPE, SSL_KEYSTORE_LOCATION, SSL_KEYSTORE_PASSWORD,
            SSL_KEYSTORE_TYPE, SSL_KEY_PASSWORD, SSL_ENDPOINT_IDENTIFICATION_ALGORITHM);

    private final ConfigSource source;

    KafkaSecurityReader(ConfigSource source) {
        this.source = source;
    }

    KafkaSecurity read() {
        SecurityProtocol protocol = protocol();
        String protocolSetting = shown(SECURITY_PROTOCOL);
        if (!KafkaSecurity.isSasl(protocol)) {
            refuseAnySet(SASL_SETTINGS, protocolSetting, "SASL settings need SASL_SSL or SASL_PLAINTEXT");
        }
        if (!KafkaSecurity.isTls(protocol)) {
            refuseAnySet(TLS_SETTINGS, protocolSetting, "TLS settings need SSL or SASL_SSL");
            return new KafkaSecurity(protocol, sasl(protocol, protocolSetting), null, null, "https");
        }
        return new KafkaSecurity(protocol, sasl(protocol, protocolSetting), truststore(), keystore(), endpoint());
    }

    private SecurityProtocol protocol() {
        String value = value(SECURITY_PROTOCOL);
        return Arrays.stream(SecurityProtocol.values())
                .filter(p -> p.name.equalsIgnoreCase(value))
                .findFirst()
                .orElseThrow(() -> refused(shown(SECURITY_PROTOCOL)
                        + " is not a security protocol: use PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL"));
    }

    private KafkaSecurity.Sasl sasl(SecurityProtocol protocol, String protocolSetting) {
        if (!KafkaSecurity.isSasl(protocol)) {
            return null;
        }
        String mechanismName = value(SASL_MECHANISM);
        KafkaSecurity.SaslMechanism mechanism = KafkaSecurity.SaslMechanism.forName(mechanismName);
        if (mechanism == null) {
            throw refused(shown(SASL_MECHANISM) + " is not supported: use "
                    + Arrays.stream(KafkaSecurity.SaslMechanism.values()).map(KafkaSecurity.SaslMechanism::kafkaName)
                            .collect(Collectors.joining(", ")));
        }
        for (KafkaSecuritySetting required : List.of(SASL_USERNAME, SASL_PASSWORD)) {
            if (value(required) == null) {
                throw refused(protocolSetting + " needs " + SASL_USERNAME.standardEnv() + " and "
                        + SASL_PASSWORD.standardEnv() + ", and " + named(required) + " is not set");
            }
            if (value(required).contains("\n") || value(required).contains("\r")) {
                throw refused(named(required) + " has a line break, which Kafka's JAAS login cannot carry");
            }
        }
        return new KafkaSecurity.Sasl(mechanism, value(SASL_USERNAME), value(SASL_PASSWORD));
    }

    private KafkaSecurity.Truststore truststore() {
        Path location = storeFile(SSL_TRUSTSTORE_LOCATION, SSL_TRUSTSTORE_PASSWORD);
        if (location == null) {
            return null;
        }
        String type = storeType(SSL_TRUSTSTORE_TYPE);
        String password = value(SSL_TRUSTSTORE_PASSWORD);
        if (type.equals("PEM") && password != null) {
            throw refused(named(SSL_TRUSTSTORE_PASSWORD) + " is set, but a PEM trust store has no password");
        }
        return new KafkaSecurity.Truststore(location, type, password);
    }

    private KafkaSecurity.Keystore keystore() {
        Path location = storeFile(SSL_KEYSTORE_LOCATION, SSL_KEYSTORE_PASSWORD, SSL_KEY_PASSWORD);
        if (location == null) {
            return null;
        }
        String type = storeType(SSL_KEYSTORE_TYPE);
        String password = value(SSL_KEYSTORE_PASSWORD);
        if (type.equals("PEM") && password != null) {
            throw refused(named(SSL_KEYSTORE_PASSWORD) + " is set, but a PEM key store has none: set "
                    + SSL_KEY_PASSWORD.standardEnv() + " for an encrypted key");
        }
        if (!type.equals("PEM") && password == null) {
            throw refused(named(SSL_KEYSTORE_LOCATION) + " is set, and " + named(SSL_KEYSTORE_PASSWORD) + " is not");
        }
        return new KafkaSecurity.Keystore(location, type, password, value(SSL_KEY_PASSWORD));
    }

    /** The store's file, checked to be there; null when unset, and then none of its other settings may be set. */
    private Path storeFile(KafkaSecuritySetting locationSetting, KafkaSecuritySetting... dependents) {
        String location = value(locationSetting);
        if (location == null) {
            for (KafkaSecuritySetting dependent : dependents) {
                if (value(dependent) != null) {
                    throw refused(named(dependent) + " is set, and " + named(locationSetting) + " is not");
                }
            }
            return null;
        }
        Path path = Path.of(location);
        if (!Files.isRegularFile(path)) {
            throw refused(shown(locationSetting) + ": no such file");
        }
        if (!Files.isReadable(path)) {
            throw refused(shown(locationSetting) + ": cannot be read by this user");
        }
        return path;
    }

    private String storeType(KafkaSecuritySetting setting) {
        String type = value(setting).toUpperCase(Locale.ROOT);
        if (!STORE_TYPES.contains(type)) {
            throw refused(shown(setting) + " is not a store type: use "
                    + String.join(", ", STORE_TYPES));
        }
        return type;
    }

    private String endpoint() {
        String value = value(SSL_ENDPOINT_IDENTIFICATION_ALGORITHM);
        if (!value.isEmpty() && !value.equalsIgnoreCase("https")) {
            throw refused(shown(SSL_ENDPOINT_IDENTIFICATION_ALGORITHM)
                    + ": use https, or an empty value to skip the host name check");
        }
        return value.toLowerCase(Locale.ROOT);
    }

    private void refuseAnySet(List<KafkaSecuritySetting> settings, String protocolSetting, String why) {
        for (KafkaSecuritySetting setting : settings) {
            if (setting.lookup(source) != null) {
                throw refused(named(setting) + " is set, but " + protocolSetting + ": " + why);
            }
        }
    }

    /**
     * The value in effect (the default when unset), or null when unset without a default; trimmed but for the user
     * and the passwords, which are taken as they are set.
     */
    private String value(KafkaSecuritySetting setting) {
        ConfigSource.Value value = setting.lookup(source);
        if (value == null) {
            return setting.defaultValue();
        }
        return setting.secret() || setting == SASL_USERNAME ? value.value() : value.value().trim();
    }

    /**
     * The setting as its user set it: the env var's name, or the file key with the file and the env var to use
     * instead; the standard env var when it is unset.
     */
    private String named(KafkaSecuritySetting setting) {
        ConfigSource.Value value = setting.lookup(source);
        if (value == null) {
            return setting.standardEnv();
        }
        if (value.origin().startsWith("env ")) {
            return value.origin().substring("env ".length());
        }
        return setting.fileKey() + " (in " + source.filePath() + "; env " + setting.standardEnv() + ")";
    }

    /** {@code NAME=value} as {@link #named} names it; only for settings that are not secrets. */
    private String shown(KafkaSecuritySetting setting) {
        ConfigSource.Value value = setting.lookup(source);
        if (value == null) {
            return setting.standardEnv() + "=" + setting.defaultValue() + " (the default)";
        }
        if (value.origin().startsWith("env ")) {
            return value.origin().substring("env ".length()) + "=" + value.value();
        }
        return setting.fileKey() + "=" + value.value() + " (in " + source.filePath() + "; env " + setting.standardEnv()
                + ")";
    }

    private static IllegalArgumentException refused(String message) {
        return new IllegalArgumentException("Kafka client security: " + message);
    }
}
