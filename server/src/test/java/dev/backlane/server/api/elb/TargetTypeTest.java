package dev.backlane.server.api.elb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backlane.core.model.TargetType;
import dev.backlane.server.protocol.ServiceModel;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TargetTypeTest {
    @Test
    void targetTypesAreTheElbModelsTargetTypeEnum() {
        ServiceModel model = ServiceModel.load("elbv2-2015-12-01.service-2.json");
        Set<String> ours = Arrays.stream(TargetType.values()).map(TargetType::wireName).collect(Collectors.toSet());

        assertEquals(model.shape("TargetTypeEnum").enumValues(), ours);
        for (TargetType type : TargetType.values()) {
            assertEquals(type, TargetType.fromWire(type.wireName()));
        }
    }
}
