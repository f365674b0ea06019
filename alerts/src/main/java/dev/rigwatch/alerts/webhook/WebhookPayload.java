package dev.rigwatch.alerts.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.rigwatch.events.Alert;
import dev.rigwatch.events.Json;

/**
 * The body of a webhook POST: {@code {"version":1,"alert":{...}}}, the alert as it is on the {@code alerts}
 * topic. The version is the envelope's, so receivers can tell a future format apart.
 */
public record WebhookPayload(int version, Alert alert) {

    public static final int VERSION = 1;

    /** The JSON bytes that are signed and sent. */
    public static byte[] body(Alert alert) {
        try {
            return Json.mapper().writeValueAsBytes(new WebhookPayload(VERSION, alert));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write alert " + alert.id() + " as JSON", e);
        }
    }
}
