package dev.backlane.server.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backlane.core.model.Resource;
import dev.backlane.core.model.ResourceType;

/** Resources as JSON text for the store: records written member by member, read back into the same record. */
public final class ResourceCodec {
    private final ObjectMapper mapper = newMapper();

    /** The mapper for stored records; unknown members are ignored so a dropped member does not make old rows unreadable. */
    static ObjectMapper newMapper() {
        return new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
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
}
