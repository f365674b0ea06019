package dev.rigwatch.events.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.time.Instant;

/**
 * Instants through {@link IsoInstants}: the same text as the JSR-310 module writes, read back the same, in a
 * fraction of the time. A text of any other shape (a number, an offset) goes to the JSR-310 deserializer, so what
 * was accepted before still is, with the same error for what was not.
 */
public final class InstantModule extends SimpleModule {

    private static final long serialVersionUID = 1L;

    public InstantModule() {
        super("rigwatch-instants");
        addSerializer(Instant.class, new Writer());
        addDeserializer(Instant.class, new Reader());
    }

    private static final class Writer extends StdScalarSerializer<Instant> {
        private static final long serialVersionUID = 1L;

        Writer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(IsoInstants.format(value));
        }
    }

    private static final class Reader extends StdScalarDeserializer<Instant> {
        private static final long serialVersionUID = 1L;

        Reader() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                Instant instant = IsoInstants.parse(p.getText());
                if (instant != null) {
                    return instant;
                }
            }
            return InstantDeserializer.INSTANT.deserialize(p, ctxt);
        }
    }
}
