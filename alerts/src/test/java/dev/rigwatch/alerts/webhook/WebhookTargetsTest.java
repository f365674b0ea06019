package dev.rigwatch.alerts.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebhookTargetsTest {

    @ParameterizedTest(name = "{0} is refused: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            https://127.0.0.1/hook                | a loopback address
            https://127.8.9.10/hook               | a loopback address
            https://[::1]/hook                    | a loopback address
            https://localhost/hook                | a loopback address
            https://10.1.2.3/hook                 | a private (site-local) address
            https://172.16.0.1/hook               | a private (site-local) address
            https://172.31.255.255/hook           | a private (site-local) address
            https://192.168.1.20/hook             | a private (site-local) address
            https://[fd12:3456::1]/hook           | a unique-local address (fc00::/7)
            https://[fc00::1]/hook                | a unique-local address (fc00::/7)
            https://100.64.0.1/hook               | a carrier-grade NAT address (100.64.0.0/10)
            https://100.127.255.254/hook          | a carrier-grade NAT address (100.64.0.0/10)
            https://169.254.10.1/hook             | a link-local address
            https://[fe80::1]/hook                | a link-local address
            https://169.254.169.254/latest/meta   | the cloud metadata service
            https://224.0.0.1/hook                | a multicast address
            https://[ff02::1]/hook                | a multicast address
            https://0.0.0.0/hook                  | an unspecified (any-local) address
            https://0.1.2.3/hook                  | an unspecified (any-local) address
            https://[::]/hook                     | an unspecified (any-local) address
            https://255.255.255.255/hook          | a reserved or broadcast address (240.0.0.0/4)
            https://[::ffff:10.0.0.1]/hook        | a private (site-local) address
            http://93.184.216.34/hook             | must use https
            ftp://93.184.216.34/hook              | is not an absolute http(s) URL
            /relative/hook                        | is not an absolute http(s) URL
            https://user:pw@93.184.216.34/hook    | must not carry a user name or password
            https://alerts@93.184.216.34/hook     | must not carry a user name or password
            """)
    void refusedWithoutPrivateTargets(String url, String reason) {
        assertThatThrownBy(() -> WebhookTargets.validate(url, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason);
    }

    @ParameterizedTest(name = "{0} is allowed")
    @CsvSource(delimiter = '|', textBlock = """
            https://93.184.216.34/hook?team=desk   | 93.184.216.34
            https://93.184.216.34:8443/hook        | 93.184.216.34
            https://100.63.255.255/hook            | 100.63.255.255
            https://100.128.0.1/hook               | 100.128.0.1
            https://172.15.255.255/hook            | 172.15.255.255
            https://172.32.0.1/hook                | 172.32.0.1
            https://[2606:2800:220:1::1]/hook      | 2606:2800:220:1::1
            """)
    void publicHttpsAddressesAreAllowed(String url, String host) {
        assertThat(WebhookTargets.validate(url, false).host()).isEqualTo(host);
    }

    @ParameterizedTest(name = "{0} is allowed with private targets")
    @CsvSource(textBlock = """
            http://127.0.0.1:8080/hook
            https://10.1.2.3/hook
            http://169.254.169.254/latest/meta
            http://[::1]:9000/hook
            """)
    void privateTargetsAndPlainHttpAreAllowedForLocalTesting(String url) {
        assertThat(WebhookTargets.validate(url, true).toString()).isEqualTo(url);
    }

    @ParameterizedTest(name = "{0} is refused even with private targets: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ftp://127.0.0.1/hook                  | is not an absolute http(s) URL
            not a url                             | is not an absolute http(s) URL
            http://user:pw@127.0.0.1/hook         | must not carry a user name or password
            """)
    void malformedUrlsAreRefusedEvenWithPrivateTargets(String url, String reason) {
        assertThatThrownBy(() -> WebhookTargets.validate(url, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void aHostThatDoesNotResolveSaysSoWithItsCause() {
        // .invalid never resolves (RFC 6761); the cause tells delivery this may be a passing DNS failure
        assertThatThrownBy(() -> WebhookTargets.validate("https://no-such-host.invalid/hook", false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("webhook host no-such-host.invalid does not resolve")
                .hasCauseInstanceOf(UnknownHostException.class);
    }
}
