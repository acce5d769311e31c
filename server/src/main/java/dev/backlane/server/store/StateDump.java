package dev.backlane.server.store;

import dev.backlane.core.policy.JsonSyntaxProblem;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlane.core.model.Resource;
import dev.backlane.core.model.ResourceType;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.world.World;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.Map;

/**
 * The portable dump of all state, for {@code backlane export} and {@code backlane import-state}: a
 * JSON document with a format name and version, then per scope (account and region) the records of
 * each kind, in ID order. Kinds are named as in {@code ResourceTypes}; records are written member by
 * member, as the store keeps them. Version 1 is described in {@code docs/store.md}.
 */
public final class StateDump {
    public static final String FORMAT = "backlane-state";
    public static final int VERSION = 1;

    private final ObjectMapper mapper = ResourceCodec.newMapper();

    public void write(World world, OutputStream out) throws IOException {
        try (JsonGenerator generator = new JsonFactory(mapper).createGenerator(out)) {
            generator.useDefaultPrettyPrinter();
            generator.writeStartObject();
            generator.writeStringField("format", FORMAT);
            generator.writeNumberField("version", VERSION);
            generator.writeArrayFieldStart("scopes");
            for (Scope scope : world.scopes()) {
                generator.writeStartObject();
                generator.writeStringField("account", scope.account());
                generator.writeStringField("region", scope.region());
                generator.writeObjectFieldStart("resources");
                for (ResourceType<?> type : ResourceTypes.all()) {
                    var resources = world.all(scope, type);
                    if (resources.isEmpty()) {
                        continue;
                    }
                    generator.writeArrayFieldStart(type.name());
                    for (Resource resource : resources) {
                        generator.writeObject(resource);
                    }
                    generator.writeEndArray();
                }
                generator.writeEndObject();
                generator.writeEndObject();
            }
            generator.writeEndArray();
            generator.writeEndObject();
        }
    }

    /** Reads a dump; throws {@link StoreException} naming what is wrong when it is not one this Backlane can read. */
    public World read(InputStream in) throws IOException {
        JsonNode root;
        try (JsonParser parser = mapper.getFactory().createParser(in)) {
            root = mapper.readTree(parser);
            if (parser.nextToken() != null && parser.currentToken() != JsonToken.NOT_AVAILABLE) {
                throw new StoreException("the state dump has content after its end");
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new StoreException("the state dump is not valid JSON: " + JsonSyntaxProblem.describe(e), e);
        }
        if (!(root instanceof ObjectNode) || !FORMAT.equals(root.path("format").asText())) {
            throw new StoreException("not a Backlane state dump: the member \"format\" must be \"" + FORMAT + "\"");
        }
        int version = root.path("version").asInt(-1);
        if (version != VERSION) {
            throw new StoreException("the state dump has version " + root.path("version")
                    + "; this Backlane reads version " + VERSION + (version > VERSION ? " (it was written by a newer Backlane)" : ""));
        }
        World.Builder builder = World.builder();
        for (JsonNode scopeNode : root.path("scopes")) {
            Scope scope = new Scope(required(scopeNode, "account"), required(scopeNode, "region"));
            builder.scope(scope);
            Iterator<Map.Entry<String, JsonNode>> kinds = scopeNode.path("resources").fields();
            while (kinds.hasNext()) {
                Map.Entry<String, JsonNode> kind = kinds.next();
                ResourceType<?> type = ResourceTypes.byName(kind.getKey()).orElseThrow(() -> new StoreException(
                        "the state dump holds resources of kind '" + kind.getKey() + "' that this version of Backlane does not know"));
                for (JsonNode record : kind.getValue()) {
                    builder.put(scope, type, decode(type, record, scope));
                }
            }
        }
        return builder.build();
    }

    private <T extends Resource> T decode(ResourceType<T> type, JsonNode record, Scope scope) {
        try {
            T resource = mapper.treeToValue(record, type.recordClass());
            if (resource == null || resource.id() == null) {
                throw new StoreException("a " + type.name() + " in " + scope + " in the state dump has no id");
            }
            return resource;
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw new StoreException("a " + type.name() + " in " + scope + " in the state dump cannot be read: " + e.getMessage(), e);
        }
    }

    private static String required(JsonNode node, String member) {
        JsonNode value = node.get(member);
        if (value == null || !value.isTextual()) {
            throw new StoreException("a scope in the state dump has no \"" + member + "\"");
        }
        return value.asText();
    }
}
