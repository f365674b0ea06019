package dev.rigwatch.alerts.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {

    private static final String NEW_SECRET = "whsec-rotation-new-0002";
    private static final String OLD_SECRET = "whsec-rotation-old-0001";
    private static final Instant SENT = Instant.parse("2026-01-01T00:00:00Z");
    private static final byte[] BODY = "{\"version\":1,\"alert\":{\"id\":\"a-1\"}}".getBytes(StandardCharsets.UTF_8);
    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    @Test
    void signsTimestampDotBodyWithEachSecretAsOpensslDoes() {
        // expected values from: printf '1767225600.<body>' | openssl dgst -sha256 -hmac <secret>
        assertThat(WebhookSigner.sign(List.of(NEW_SECRET, OLD_SECRET), BODY, SENT)).isEqualTo("t=1767225600"
                + ",v1=dccf681d606880920919a5f742c4445aaeec15f5c890e868402dbcdfa850c231"
                + ",v1=e0eb4cd822f3fd09960e015e8efba5363b7636486102b3b8daf4827bb47a3d1f");
    }

    @Test
    void eitherSecretOfARotationVerifies() {
        String header = WebhookSigner.sign(List.of(NEW_SECRET, OLD_SECRET), BODY, SENT);

        assertThat(WebhookSigner.verify(header, BODY, NEW_SECRET, TOLERANCE, SENT.plusSeconds(3))).isTrue();
        assertThat(WebhookSigner.verify(header, BODY, OLD_SECRET, TOLERANCE, SENT.plusSeconds(3))).isTrue();
    }

    @Test
    void aWrongSecretOrATamperedBodyDoesNotVerify() {
        String header = WebhookSigner.sign(List.of(NEW_SECRET), BODY, SENT);
        byte[] tampered = "{\"version\":1,\"alert\":{\"id\":\"a-2\"}}".getBytes(StandardCharsets.UTF_8);

        assertThat(WebhookSigner.verify(header, BODY, OLD_SECRET, TOLERANCE, SENT)).isFalse();
        assertThat(WebhookSigner.verify(header, tampered, NEW_SECRET, TOLERANCE, SENT)).isFalse();
    }

    @Test
    void aTimestampOutsideTheToleranceDoesNotVerifyEitherSide() {
        String header = WebhookSigner.sign(List.of(NEW_SECRET), BODY, SENT);

        assertThat(WebhookSigner.verify(header, BODY, NEW_SECRET, TOLERANCE, SENT.plus(TOLERANCE))).isTrue();
        assertThat(WebhookSigner.verify(header, BODY, NEW_SECRET, TOLERANCE, SENT.plus(TOLERANCE).plusSeconds(1))).isFalse();
        assertThat(WebhookSigner.verify(header, BODY, NEW_SECRET, TOLERANCE, SENT.minus(TOLERANCE).minusSeconds(1))).isFalse();
    }

    @Test
    void malformedHeadersDoNotVerify() {
        String signature = WebhookSigner.sign(List.of(NEW_SECRET), BODY, SENT).substring("t=1767225600,".length());

        for (String header : new String[] {null, "", signature, "t=1767225600", "t=soon," + signature,
                "t=1767225600,v1=not-hex", "t=1767225600;" + signature}) {
            assertThat(WebhookSigner.verify(header, BODY, NEW_SECRET, TOLERANCE, SENT)).as(header).isFalse();
        }
    }
}
