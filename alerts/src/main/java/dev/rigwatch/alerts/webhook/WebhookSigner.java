package dev.rigwatch.alerts.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook bodies so receivers know a POST came from rigwatch and was not replayed later:
 * <pre>Rigwatch-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex&gt;[,v1=&lt;hex&gt;]</pre>
 * each {@code v1} being the lowercase hex HMAC-SHA256, keyed by one of the webhook's secrets (its UTF-8 bytes), of
 * the ASCII timestamp, a {@code '.'} and the exact body bytes. One {@code v1} per secret, so a receiver rotating
 * its secret accepts either. A receiver recomputes the HMAC with its secret, compares in constant time, and
 * rejects timestamps too far from its clock ({@link #verify}).
 */
public final class WebhookSigner {

    public static final String HEADER = "Rigwatch-Signature";
    private static final String ALGORITHM = "HmacSHA256";
    private static final HexFormat HEX = HexFormat.of();

    private WebhookSigner() {
    }

    /** The header value for {@code body} sent at {@code now}, one signature per secret in the given order. */
    public static String sign(List<String> secrets, byte[] body, Instant now) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("signing needs at least one secret");
        }
        long timestamp = now.getEpochSecond();
        StringBuilder header = new StringBuilder("t=").append(timestamp);
        for (String secret : secrets) {
            header.append(",v1=").append(HEX.formatHex(hmac(secret, timestamp, body)));
        }
        return header.toString();
    }

    /**
     * Whether {@code header} carries a signature of {@code body} by {@code secret}, made within {@code tolerance}
     * of {@code now} (either side). Malformed headers are simply not valid.
     */
    public static boolean verify(String header, byte[] body, String secret, Duration tolerance, Instant now) {
        if (header == null) {
            return false;
        }
        Long timestamp = null;
        List<byte[]> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                return false;
            }
            String key = part.substring(0, eq).trim();
            String value = part.substring(eq + 1).trim();
            try {
                if (key.equals("t")) {
                    timestamp = Long.parseLong(value);
                } else if (key.equals("v1")) {
                    signatures.add(HEX.parseHex(value));
                }
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        if (timestamp == null || signatures.isEmpty()
                || Math.abs(now.getEpochSecond() - timestamp) > tolerance.toSeconds()) {
            return false;
        }
        byte[] expected = hmac(secret, timestamp, body);
        boolean valid = false;
        for (byte[] signature : signatures) {
            valid |= MessageDigest.isEqual(expected, signature); // constant time: no early exit on a mismatch
        }
        return valid;
    }

    private static byte[] hmac(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable in this JVM", e);
        }
    }
}
