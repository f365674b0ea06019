package dev.rigwatch.events.alert;

import java.util.List;
import java.util.Objects;

/**
 * Where a subscription's alerts are POSTed, and the secrets that sign them (HMAC-SHA256 over timestamp and body).
 * Two secrets during a rotation: each delivery carries one signature per secret, so the receiver verifies with
 * either. The secrets travel on {@code alerts.subscriptions}: protect that topic with ACLs.
 *
 * @param url     the target, validated at subscribe time and again before each delivery
 * @param secrets one or two signing secrets, newest first
 */
public record Webhook(String url, List<String> secrets) {

    public Webhook {
        Objects.requireNonNull(url, "url");
        secrets = secrets == null ? List.of() : List.copyOf(secrets);
        if (secrets.isEmpty() || secrets.size() > 2) {
            throw new IllegalArgumentException("a webhook needs one or two signing secrets, got " + secrets.size());
        }
        if (secrets.stream().anyMatch(s -> s == null || s.length() < 16)) {
            throw new IllegalArgumentException("webhook secrets must be at least 16 characters");
        }
    }

    /** Never prints the secrets. */
    @Override
    public String toString() {
        return "Webhook[url=" + url + ", secrets=" + secrets.size() + " hidden]";
    }
}
