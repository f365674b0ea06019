package dev.rigwatch.broker.testing;

import dev.rigwatch.broker.SecureListeners;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway CA and the PKCS12 stores a TLS test needs, made at test time with the JDK's {@code keytool} so no key is
 * ever committed: a trust store holding the CA, a broker key store whose certificate names 127.0.0.1 and localhost
 * (so clients keep host name checks on), and a client key store for mutual TLS. Every store and key has the same
 * random password. About a dozen keytool runs, the broker's and the client's in parallel: two to three seconds.
 */
public record TestCertificates(Path truststore, Path brokerKeystore, Path clientKeystore, String password) {

    private static final Path KEYTOOL = Path.of(System.getProperty("java.home"), "bin", "keytool");
    /** keytool is a short-lived JVM: the quick JIT and serial GC make each run about half as long. */
    private static final List<String> FAST_START = List.of("-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC");
    private static final String CA = "ca";

    /** Creates the stores in {@code dir} (a test's temporary directory). */
    public static TestCertificates generate(Path dir) {
        String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
        Keytool keytool = new Keytool(dir, password);
        Path caStore = dir.resolve("ca.p12");
        Path caPem = dir.resolve("ca.pem");
        keytool.run("-genkeypair", "-alias", CA, "-dname", "CN=rigwatch test CA", "-ext", "bc:c",
                "-keystore", caStore.toString());
        keytool.run("-exportcert", "-alias", CA, "-rfc", "-keystore", caStore.toString(), "-file", caPem.toString());

        Path truststore = dir.resolve("truststore.p12");
        // not the common pool: on two cores it runs one task at a time
        ExecutorService parallel = Executors.newFixedThreadPool(3);
        try {
            CompletableFuture<Void> trust = CompletableFuture.runAsync(() -> keytool.run("-importcert", "-alias", CA,
                    "-file", caPem.toString(), "-keystore", truststore.toString(), "-noprompt"), parallel);
            CompletableFuture<Path> broker = CompletableFuture.supplyAsync(() -> keytool.signed("broker",
                    "CN=localhost", caStore, caPem, "-ext", "san=ip:127.0.0.1,dns:localhost",
                    "-ext", "eku=serverAuth,clientAuth"), parallel);
            CompletableFuture<Path> client = CompletableFuture.supplyAsync(() -> keytool.signed("client",
                    "CN=rigwatch-client", caStore, caPem, "-ext", "eku=clientAuth"), parallel);
            CompletableFuture.allOf(trust, broker, client).join();
            return new TestCertificates(truststore, broker.join(), client.join(), password);
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        } finally {
            parallel.shutdownNow();
        }
    }

    /** The broker's TLS listeners with these stores and the given SCRAM users. */
    public SecureListeners listeners(Map<String, String> scramUsers) {
        return new SecureListeners(brokerKeystore, password, truststore, password, scramUsers);
    }

    @Override
    public String toString() {
        return "TestCertificates[" + truststore.getParent() + ", password hidden]";
    }

    private record Keytool(Path dir, String password) {

        /** A key store holding a key pair and its certificate signed by the CA, with the CA in its chain. */
        Path signed(String name, String dname, Path caStore, Path caPem, String... extensions) {
            Path store = dir.resolve(name + ".p12");
            Path request = dir.resolve(name + ".csr");
            Path certificate = dir.resolve(name + ".pem");
            run("-genkeypair", "-alias", name, "-dname", dname, "-keystore", store.toString());
            run("-certreq", "-alias", name, "-keystore", store.toString(), "-file", request.toString());
            List<String> sign = new ArrayList<>(List.of("-gencert", "-alias", CA, "-keystore", caStore.toString(),
                    "-infile", request.toString(), "-outfile", certificate.toString(), "-rfc"));
            sign.addAll(List.of(extensions));
            run(sign.toArray(String[]::new));
            try {
                // the reply carries the whole chain, so keytool installs it without the CA in this store
                Files.writeString(certificate, Files.readString(certificate) + Files.readString(caPem));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot append the CA to " + certificate, e);
            }
            run("-importcert", "-alias", name, "-keystore", store.toString(), "-file", certificate.toString(),
                    "-noprompt");
            return store;
        }

        void run(String... args) {
            List<String> command = new ArrayList<>(List.of(KEYTOOL.toString()));
            command.addAll(FAST_START);
            command.addAll(List.of(args));
            command.addAll(List.of("-storetype", "PKCS12", "-storepass", password));
            if (args[0].equals("-genkeypair")) {
                command.addAll(List.of("-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2", "-keypass",
                        password));
            }
            if (args[0].equals("-gencert")) {
                command.addAll(List.of("-validity", "2"));
            }
            try {
                Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    throw new IllegalStateException("keytool " + args[0] + " failed: " + output.trim());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot run " + KEYTOOL, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while running keytool " + args[0], e);
            }
        }
    }
}
