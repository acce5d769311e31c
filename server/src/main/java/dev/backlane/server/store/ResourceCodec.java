package dev.backlane.server.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.backlane.core.model.Resource;
import dev.backlane.core.model.ResourceType;
import dev.backlane.core.model.WireName;
import java.io.IOException;
import java.time.Instant;

/**
 * Resources as JSON text for the store: records written member by member, read back into the same
 * record. Instants (creation and deletion times) are kept as ISO-8601 text.
 */
public final class ResourceCodec {
    private final ObjectMapper mapper = newMapper();

    /**
     * The mapper for stored records and state dumps; unknown members are ignored so a dropped member does
     * not make old rows unreadable. Enums are written by their constant's name and read whatever their
     * case, and an enum AWS names on the wire also by that name, so a member that was AWS's string before
     * it became an enum ({@code "ip"}, {@code "internet-facing"}) still reads.
     */
    public static ObjectMapper newMapper() {
        return JsonMapper.builder().enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS).build()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .registerModule(new SimpleModule("instants")
                        .addSerializer(Instant.class, new InstantSerializer())
                        .addDeserializer(Instant.class, new InstantDeserializer())
                        .setDeserializerModifier(new WireNameEnums()));
    }

    public String encode(Resource resource) {
        try {
            return mapper.writeValueAsString(resource);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + resource.id(), e);
        }
    }

    public <T extends Resource> T decode(ResourceType<T> type, String json) {
        try {
            return mapper.readValue(json, type.recordClass());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new StoreException("stored " + type.name() + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static final class InstantSerializer extends JsonSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeString(value.toString());
        }
    }

    /** Reads enums that implement {@link WireName} by their wire name as well as by their constant's name. */
    private static final class WireNameEnums extends BeanDeserializerModifier {
        @Override
        public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type, BeanDescription description,
                JsonDeserializer<?> deserializer) {
            if (!WireName.class.isAssignableFrom(type.getRawClass())) {
                return deserializer;
            }
            return new WireNameEnumDeserializer(type.getRawClass(), deserializer);
        }
    }

    private static final class WireNameEnumDeserializer extends JsonDeserializer<Object> {
        private final Class<?> type;
        private final JsonDeserializer<?> byConstantName;

        WireNameEnumDeserializer(Class<?> type, JsonDeserializer<?> byConstantName) {
            this.type = type;
            this.byConstantName = byConstantName;
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() == JsonToken.VALUE_STRING) {
                String text = parser.getText();
                for (Object constant : type.getEnumConstants()) {
                    if (((WireName) constant).wireName().equals(text)) {
                        return constant;
                    }
                }
            }
            return byConstantName.deserialize(parser, context);
        }
    }

    private static final class InstantDeserializer extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return Instant.parse(parser.getValueAsString());
        }
    }
}
