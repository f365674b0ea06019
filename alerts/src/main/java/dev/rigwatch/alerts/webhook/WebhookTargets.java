package dev.rigwatch.alerts.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import okhttp3.Dns;
import okhttp3.HttpUrl;

/**
 * Which URLs a webhook may point at. Subscribers choose the URL, so without these checks rigwatch would POST
 * wherever they say: into its own network (a database's admin port, the cloud's metadata service holding
 * credentials). A target must be absolute https, without credentials in the URL, and resolve only to public
 * addresses. {@code allowPrivate} lifts the address and https rules, for local testing.
 */
public final class WebhookTargets {

    private static final byte[] CLOUD_METADATA = {(byte) 169, (byte) 254, (byte) 169, (byte) 254};

    private WebhookTargets() {
    }

    /**
     * The parsed URL, if rigwatch may POST to it: checked at subscribe time and again before each delivery, since
     * what a name resolves to changes.
     *
     * @throws IllegalArgumentException saying why not; its cause is an {@link UnknownHostException} when the host
     *                                  does not resolve (which may pass)
     */
    public static HttpUrl validate(String url, boolean allowPrivate) {
        HttpUrl parsed = url == null ? null : HttpUrl.parse(url.trim());
        if (parsed == null) {
            throw new IllegalArgumentException("webhook URL '" + url + "' is not an absolute http(s) URL");
        }
        if (!allowPrivate && !parsed.isHttps()) {
            throw new IllegalArgumentException("webhook URL " + parsed.redact()
                    + " must use https (plain http is only allowed with private targets, for local testing)");
        }
        if (!parsed.username().isEmpty() || !parsed.password().isEmpty()) {
            throw new IllegalArgumentException("webhook URL " + parsed.redact()
                    + " must not carry a user name or password: receivers verify the signature instead");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(parsed.host());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("webhook host " + parsed.host() + " does not resolve", e);
        }
        if (!allowPrivate) {
            for (InetAddress address : addresses) {
                String refusal = refusal(address);
                if (refusal != null) {
                    throw new IllegalArgumentException("webhook host " + parsed.host() + " resolves to "
                            + address.getHostAddress() + ", " + refusal + ": webhooks only go to public addresses");
                }
            }
        }
        return parsed;
    }

    /**
     * Name resolution for the webhook client that refuses non-public addresses, so that a name re-pointed between
     * {@link #validate} and the connection (DNS rebinding) still cannot reach them.
     */
    public static Dns dns(boolean allowPrivate) {
        if (allowPrivate) {
            return Dns.SYSTEM;
        }
        return host -> {
            List<InetAddress> addresses = Dns.SYSTEM.lookup(host);
            for (InetAddress address : addresses) {
                String refusal = refusal(address);
                if (refusal != null) {
                    throw new RefusedAddressException(host + " resolves to " + address.getHostAddress() + ", " + refusal);
                }
            }
            return addresses;
        };
    }

    /** Why rigwatch must not POST to this address, or null for a public one. */
    static String refusal(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address && Arrays.equals(bytes, CLOUD_METADATA)) {
            return "the cloud metadata service";
        }
        if (address.isAnyLocalAddress() || address instanceof Inet4Address && bytes[0] == 0) {
            return "an unspecified (any-local) address";
        }
        if (address.isLoopbackAddress()) {
            return "a loopback address";
        }
        if (address.isLinkLocalAddress()) {
            return "a link-local address";
        }
        if (address.isSiteLocalAddress()) {
            return "a private (site-local) address";
        }
        if (address.isMulticastAddress()) {
            return "a multicast address";
        }
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xFF;
            if (first == 100 && (bytes[1] & 0xC0) == 64) {
                return "a carrier-grade NAT address (100.64.0.0/10)";
            }
            if (first >= 240) {
                return "a reserved or broadcast address (240.0.0.0/4)";
            }
        }
        if (address instanceof Inet6Address && (bytes[0] & 0xFE) == 0xFC) {
            return "a unique-local address (fc00::/7)";
        }
        return null;
    }

    /** A webhook host that resolved to an address {@link #refusal} rules out, found when connecting. */
    public static final class RefusedAddressException extends UnknownHostException {
        RefusedAddressException(String message) {
            super(message);
        }
    }
}
