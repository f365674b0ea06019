package dev.rigwatch.api.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A request the API refuses: 400 names the parameter and what it allows, 404 lists what exists. */
public final class ApiError extends RuntimeException {

    private final int status;
    private final Map<String, Object> body;

    private ApiError(int status, String message, Map<String, Object> body) {
        super(message);
        this.status = status;
        this.body = body;
    }

    public static ApiError badParameter(String parameter, String message, List<String> allowed) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "bad_request");
        body.put("parameter", parameter);
        body.put("message", message);
        if (allowed != null) {
            body.put("allowed", allowed);
        }
        return new ApiError(400, message, body);
    }

    public static ApiError notFound(String message, List<String> known) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "not_found");
        body.put("message", message);
        body.put("known", known);
        return new ApiError(404, message, body);
    }

    public int status() {
        return status;
    }

    public Map<String, Object> body() {
        return body;
    }
}
