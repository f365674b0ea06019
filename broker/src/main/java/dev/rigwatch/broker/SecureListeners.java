package dev.rigwatch.broker;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Two TLS listeners a {@link KafkaCluster} can open next to its PLAINTEXT one, to try rigwatch against a secured
 * cluster: {@code SASL_SSL} with SCRAM-SHA-512 users, and {@code MTLS}, an SSL listener that requires a client
 * certificate signed by a CA of the trust store. The users' SCRAM credentials are written when the data dir is
 * formatted, as {@code kafka-storage format --add-scram} does. The PLAINTEXT listener stays the broker's own
 * (inter-broker) one, on the loopback address.
 *
 * @param keystore           the broker's key and certificate (PKCS12); the certificate must name 127.0.0.1
 * @param truststore         the CAs whose client certificates the MTLS listener accepts (PKCS12)
 * @param scramUsers         user name to password, for SCRAM-SHA-512 on the SASL_SSL listener
 */
public record SecureListeners(Path keystore, String keystorePassword, Path truststore, String truststorePassword,
                              Map<String, String> scramUsers) {

    static final String SASL_SSL = "SASL_SSL";
    static final String MTLS = "MTLS";
    private static final String SCRAM = "SCRAM-SHA-512";

    public SecureListeners {
        Objects.requireNonNull(keystore, "keystore");
        Objects.requireNonNull(keystorePassword, "keystorePassword");
        Objects.requireNonNull(truststore, "truststore");
        Objects.requireNonNull(truststorePassword, "truststorePassword");
        scramUsers = Map.copyOf(scramUsers);
        for (Map.Entry<String, String> user : scramUsers.entrySet()) {
            // the formatter splits its SCRAM argument on commas and brackets, and has no escapes
            if ((user.getKey() + user.getValue()).matches(".*[,\\[\\]=\"].*")) {
                throw new IllegalArgumentException("SCRAM user " + user.getKey()
                        + ": names and passwords of the embedded broker's users cannot hold , [ ] = or \"");
            }
        }
    }

    /** The listeners, their protocols and their TLS and SASL settings, added to the broker's properties. */
    void addTo(Properties props, String host, int saslSslPort, int mtlsPort) {
        props.put("listeners", props.getProperty("listeners") + "," + listeners(host, saslSslPort, mtlsPort));
        props.put("advertised.listeners", props.getProperty("advertised.listeners") + ","
                + listeners(host, saslSslPort, mtlsPort));
        props.put("listener.security.protocol.map", props.getProperty("listener.security.protocol.map")
                + "," + SASL_SSL + ":SASL_SSL," + MTLS + ":SSL");
        props.put("ssl.keystore.type", "PKCS12");
        props.put("ssl.keystore.location", keystore.toString());
        props.put("ssl.keystore.password", keystorePassword);
        props.put("ssl.truststore.type", "PKCS12");
        props.put("ssl.truststore.location", truststore.toString());
        props.put("ssl.truststore.password", truststorePassword);
        props.put("listener.name." + MTLS.toLowerCase() + ".ssl.client.auth", "required");
        props.put("sasl.enabled.mechanisms", SCRAM);
        props.put("listener.name." + SASL_SSL.toLowerCase() + "." + SCRAM.toLowerCase() + ".sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
    }

    /** The formatter's {@code --add-scram} arguments, one per user. */
    List<String> scramArguments() {
        return scramUsers.entrySet().stream()
                .map(user -> SCRAM + "=[name=" + user.getKey() + ",password=" + user.getValue() + "]")
                .toList();
    }

    private static String listeners(String host, int saslSslPort, int mtlsPort) {
        return SASL_SSL + "://" + host + ":" + saslSslPort + "," + MTLS + "://" + host + ":" + mtlsPort;
    }

    @Override
    public String toString() {
        return "SecureListeners[keystore " + keystore + ", truststore " + truststore + ", SCRAM users "
                + scramUsers.keySet() + ", passwords hidden]";
    }
}
