package dev.rigwatch.alerts;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.rigwatch.events.Durations;
import dev.rigwatch.events.alert.Scope;
import dev.rigwatch.events.alert.Subscription;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A rules file: the subscriptions {@code rigwatch alerts} publishes to {@code alerts.subscriptions} at start, as YAML
 * ({@code .yaml}, {@code .yml}) or JSON ({@code .json}):
 *
 * <pre>
 * subscriptions:
 *   - id: btc-100k
 *     subscriber: alice
 *     condition: {kind: price-cross, direction: up, level: 100000, hysteresisPct: 0.5}
 *     scope: symbol:BTC-USD
 *     throttle: {cooldown: 30m, maxPerDay: 5}
 * </pre>
 *
 * Each entry holds the fields of a {@link Subscription}. {@code v} defaults to the current version, {@code createdAt}
 * to the file's last modification (when its rules were last written), {@code scope} may be written as on the command
 * line ({@code symbol:BTC-USD}), durations as {@code 30m}, {@code 1h}, {@code 1d} or ISO-8601, and enum values in
 * any case. Unlike topic records, a field the subscription does not have is an error: in a hand-written file it is a
 * typo. Errors name the file, the entry and the field.
 */
public final class RulesFile {

    /** The bundled rules: subscriber {@code all} gets every rebound signal and every feed silent for 5 minutes. */
    public static final String DEFAULTS_RESOURCE = "/default-rules.yaml";

    private static final ObjectMapper YAML = configure(YAMLMapper.builder());
    private static final ObjectMapper JSON = configure(JsonMapper.builder());

    private RulesFile() {
    }

    /**
     * @throws IllegalArgumentException naming the file, the entry and the field of the first error
     * @throws UncheckedIOException     when the file cannot be read
     */
    public static List<Subscription> load(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        ObjectMapper mapper;
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            mapper = YAML;
        } else if (name.endsWith(".json")) {
            mapper = JSON;
        } else {
            throw new IllegalArgumentException(path + ": a rules file is .yaml, .yml or .json");
        }
        try {
            return parse(mapper, Files.readString(path, StandardCharsets.UTF_8), path.toString(),
                    Files.getLastModifiedTime(path).toInstant());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rules file " + path + ": " + e.getMessage(), e);
        }
    }

    /** The rules bundled in this jar ({@value #DEFAULTS_RESOURCE}), whose entries carry their {@code createdAt}. */
    public static List<Subscription> bundledDefaults() {
        try (InputStream in = RulesFile.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the default rules " + DEFAULTS_RESOURCE + " are not on the classpath");
            }
            return parse(YAML, new String(in.readAllBytes(), StandardCharsets.UTF_8), DEFAULTS_RESOURCE, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the default rules " + DEFAULTS_RESOURCE, e);
        }
    }

    /** Parses YAML rules text; {@code source} names it in errors. */
    static List<Subscription> parseYaml(String text, String source, Instant defaultCreatedAt) {
        return parse(YAML, text, source, defaultCreatedAt);
    }

    /** Parses JSON rules text; {@code source} names it in errors. */
    static List<Subscription> parseJson(String text, String source, Instant defaultCreatedAt) {
        return parse(JSON, text, source, defaultCreatedAt);
    }

    private static List<Subscription> parse(ObjectMapper mapper, String text, String source, Instant defaultCreatedAt) {
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": not valid " + format(mapper) + " at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": "
                    + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject() || !root.path("subscriptions").isArray()) {
            throw new IllegalArgumentException(source + ": expected a map with a list under 'subscriptions'");
        }
        for (Iterator<String> fields = root.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            if (!field.equals("subscriptions")) {
                throw new IllegalArgumentException(source + ": unknown top-level field '" + field
                        + "' (a rules file holds only 'subscriptions')");
            }
        }
        List<Subscription> subscriptions = new ArrayList<>();
        Map<String, String> entryOfKey = new HashMap<>();
        JsonNode entries = root.get("subscriptions");
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            String where = source + ": subscriptions[" + i + "]";
            if (!entry.isObject()) {
                throw new IllegalArgumentException(where + ": expected a map of subscription fields");
            }
            if (entry.hasNonNull("subscriber") && entry.hasNonNull("id")) {
                where += " (" + Subscription.key(entry.get("subscriber").asText(), entry.get("id").asText()) + ")";
            }
            Subscription subscription = subscription(mapper, (ObjectNode) entry, where, defaultCreatedAt);
            String earlier = entryOfKey.putIfAbsent(subscription.key(), where);
            if (earlier != null) {
                throw new IllegalArgumentException(where + ": " + subscription.key() + " is already defined by " + earlier);
            }
            subscriptions.add(subscription);
        }
        return subscriptions;
    }

    private static Subscription subscription(ObjectMapper mapper, ObjectNode entry, String where,
                                             Instant defaultCreatedAt) {
        if (!entry.has("v")) {
            entry.put("v", Subscription.VERSION);
        }
        if (!entry.has("createdAt")) {
            if (defaultCreatedAt == null) {
                throw new IllegalArgumentException(where + ": createdAt is required here");
            }
            entry.put("createdAt", defaultCreatedAt.toString());
        }
        JsonNode scope = entry.get("scope");
        if (scope != null && scope.isTextual()) {
            try {
                Scope parsed = Scope.parse(scope.asText());
                ObjectNode object = entry.putObject("scope").put("kind", parsed.kind().name());
                object.put("value", parsed.value());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": scope: " + e.getMessage(), e);
            }
        }
        try {
            return mapper.treeToValue(entry, Subscription.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(where + ": " + describe(e), e);
        }
    }

    /** {@code condition.level: level must be positive, got -5} from what Jackson reports. */
    private static String describe(JsonProcessingException e) {
        String path = "";
        if (e instanceof JsonMappingException mapping) {
            StringBuilder text = new StringBuilder();
            for (JsonMappingException.Reference reference : mapping.getPath()) {
                if (reference.getFieldName() != null) {
                    text.append(text.isEmpty() ? "" : ".").append(reference.getFieldName());
                } else if (reference.getIndex() >= 0) {
                    text.append('[').append(reference.getIndex()).append(']');
                }
            }
            path = text.toString();
        }
        String message;
        if (e instanceof ValueInstantiationException && e.getCause() != null) {
            // the record's own validation: its message names the field, or is the field's name when it is missing
            message = e.getCause() instanceof NullPointerException
                    ? e.getCause().getMessage() + " is required" : e.getCause().getMessage();
        } else {
            message = e.getOriginalMessage().lines().findFirst().orElse("");
        }
        return path.isEmpty() ? message : path + ": " + message;
    }

    private static String format(ObjectMapper mapper) {
        return mapper == YAML ? "YAML" : "JSON";
    }

    /** Like {@code Json.mapper()}, but strict about unknown fields and lenient about how enums and durations read. */
    private static <M extends ObjectMapper, B extends MapperBuilder<M, B>> M configure(B builder) {
        SimpleModule durations = new SimpleModule("rules-durations").addDeserializer(Duration.class, new DurationText());
        return builder.addModule(new JavaTimeModule())
                .addModule(durations)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .build();
    }

    /** {@code 200ms}, {@code 90s}, {@code 30m}, {@code 2h}, {@code 1d} as on the command line, or ISO-8601 {@code PT30M}. */
    private static final class DurationText extends StdScalarDeserializer<Duration> {

        DurationText() {
            super(Duration.class);
        }

        @Override
        public Duration deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return (Duration) context.handleUnexpectedToken(Duration.class, parser);
            }
            String text = parser.getText();
            try {
                return Durations.parse(text);
            } catch (IllegalArgumentException e) {
                return (Duration) context.handleWeirdStringValue(Duration.class, text, e.getMessage());
            }
        }
    }
}
