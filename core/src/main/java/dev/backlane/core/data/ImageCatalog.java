package dev.backlane.core.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backlane.core.model.Image;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The public images every account can launch, read once from {@code data/images.json}. */
public final class ImageCatalog {
    private static final ImageCatalog STANDARD = load();

    private final Map<String, Image> images;

    private ImageCatalog(Map<String, Image> images) {
        this.images = images;
    }

    public static ImageCatalog standard() {
        return STANDARD;
    }

    public Optional<Image> find(String imageId) {
        return Optional.ofNullable(images.get(imageId));
    }

    public List<Image> all() {
        return List.copyOf(images.values());
    }

    private static ImageCatalog load() {
        try (InputStream in = ImageCatalog.class.getResourceAsStream("/dev/backlane/core/data/images.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            Map<String, Image> images = new LinkedHashMap<>();
            for (JsonNode image : root.path("images")) {
                Image read = new Image(image.path("imageId").asText(), image.path("name").asText(), image.path("description").asText(),
                        image.path("ownerId").asText(), textOrNull(image, "ownerAlias"), image.path("architecture").asText(),
                        textOrNull(image, "platform"), image.path("rootDeviceName").asText(), image.path("virtualizationType").asText(),
                        image.path("creationDate").asText(), true);
                images.put(read.id(), read);
            }
            return new ImageCatalog(java.util.Collections.unmodifiableMap(images));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String textOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
