package dev.backlane.core.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every REST operation of the shipped models, sent as its binding says (labels filled in, the query literals,
 * required query parameters and headers given), is classified as itself: no two bindings are confused.
 */
class RestBindingRoundTripTest {
    private final RequestClassifier classifier = RequestClassifier.standard();

    @Test
    void everyRestOperationIsClassifiedAsItself() {
        List<String> confused = new ArrayList<>();
        int checked = 0;
        for (RequestBindings.Service service : RequestBindings.standard().services()) {
            for (RequestBindings.Operation operation : service.restOperations()) {
                RestBinding binding = operation.rest().orElseThrow();
                if (binding.deprecated()) {
                    continue;
                }
                StringBuilder target = new StringBuilder();
                for (String segment : binding.segments()) {
                    target.append('/').append(segment.startsWith("{") ? "label-" + segment.replaceAll("[{}+]", "").toLowerCase() : segment);
                }
                if (target.isEmpty()) {
                    target.append('/');
                }
                List<String> query = new ArrayList<>();
                binding.queryLiterals().forEach((key, value) -> query.add(value.isEmpty() ? key : key + "=" + value));
                binding.requiredQuery().forEach(name -> query.add(name + "=1"));
                if (!query.isEmpty()) {
                    target.append('?').append(String.join("&", query));
                }
                Map<String, String> headers = new LinkedHashMap<>();
                headers.put("Authorization", RequestClassifierTest.signed(service.signingName(), "us-east-1"));
                binding.requiredHeaders().forEach(name -> headers.put(name, "x"));
                String[] flat = headers.entrySet().stream().flatMap(entry -> java.util.stream.Stream.of(entry.getKey(), entry.getValue()))
                        .toArray(String[]::new);
                RequestFacts facts = classifier.classify(RequestClassifierTest.head(binding.method(), target.toString(), flat), Optional.empty(),
                        "111122223333");
                checked++;
                if (!facts.operation().equals(operation.name())) {
                    confused.add(service.signingName() + " " + operation.name() + " (" + binding.method() + " " + target + ") -> " + facts.operation());
                }
            }
        }
        assertTrue(checked > 200, "checked " + checked);
        assertEquals(List.of(), confused);
    }
}
