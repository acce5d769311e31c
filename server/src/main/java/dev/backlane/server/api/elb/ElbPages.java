package dev.backlane.server.api.elb;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.Resource;
import dev.backlane.server.api.Input;
import dev.backlane.server.api.describe.Page;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** ELBv2's pagination: {@code PageSize} (1 to 400) and an opaque {@code Marker}, in ARN order. */
final class ElbPages {
    private ElbPages() {}

    static <T extends Resource> Page<T> page(Input input, List<T> sortedById) {
        Integer pageSize = input.integer("PageSize");
        int limit = pageSize == null ? 400 : pageSize;
        String after = decode(input.string("Marker"));
        List<T> page = new ArrayList<>();
        String next = null;
        for (T resource : sortedById) {
            if (after != null && resource.id().compareTo(after) <= 0) {
                continue;
            }
            if (page.size() == limit) {
                next = encode(page.get(page.size() - 1).id());
                break;
            }
            page.add(resource);
        }
        return new Page<>(page, next);
    }

    private static String encode(String lastId) {
        return Base64.getEncoder().encodeToString(("after:" + lastId).getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String marker) {
        if (marker == null) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(marker), StandardCharsets.UTF_8);
            if (decoded.startsWith("after:") && decoded.length() > 6) {
                return decoded.substring(6);
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw AwsException.of(ErrorCode.VALIDATION_ERROR, "Invalid marker '%s'", marker);
    }
}
