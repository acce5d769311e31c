package dev.backlane.server.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.backlane.core.model.Resource;
import dev.backlane.core.model.ResourceType;
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
     * not make old rows unreadable, and enums are read whatever their case, so a member that was AWS's
     * lower-case string before it became an enum ({@code "ip"}, now {@code IP}) still reads.
     */
    static ObjectMapper newMapper() {
        return JsonMapper.builder().enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS).build()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .registerModule(new SimpleModule("instants")
                        .addSerializer(Instant.class, new InstantSerializer())
                        .addDeserializer(Instant.class, new InstantDeserializer()));
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

    private static final class InstantDeserializer extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return Instant.parse(parser.getValueAsString());
        }
    }
}
