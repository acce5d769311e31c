package dev.backlane.server.api.elb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backlane.core.model.ElbProtocol;
import dev.backlane.core.model.LoadBalancerScheme;
import dev.backlane.core.model.LoadBalancerType;
import dev.backlane.core.model.TargetType;
import dev.backlane.core.model.WireName;
import dev.backlane.server.protocol.ServiceModel;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The core's ELBv2 enums hold exactly the values of the model's enums, in the model's order, by the same names. */
class ElbEnumsTest {
    private final ServiceModel model = ServiceModel.load("elbv2-2015-12-01.service-2.json");

    @Test
    void protocolsAreTheModelsProtocolEnum() {
        assertEquals(List.copyOf(model.shape("ProtocolEnum").enumValues()), wireNames(ElbProtocol.class));
    }

    @Test
    void targetTypesAreTheModelsTargetTypeEnum() {
        assertEquals(List.copyOf(model.shape("TargetTypeEnum").enumValues()), wireNames(TargetType.class));
    }

    @Test
    void loadBalancerTypesAndSchemesAreTheModels() {
        assertEquals(List.copyOf(model.shape("LoadBalancerTypeEnum").enumValues()), wireNames(LoadBalancerType.class));
        assertEquals(List.copyOf(model.shape("LoadBalancerSchemeEnum").enumValues()), wireNames(LoadBalancerScheme.class));
    }

    @Test
    void eachValueIsFoundByItsWireName() {
        for (ElbProtocol protocol : ElbProtocol.values()) {
            assertEquals(protocol, WireName.find(ElbProtocol.class, protocol.wireName()).orElseThrow());
        }
        assertEquals(LoadBalancerScheme.INTERNET_FACING, WireName.find(LoadBalancerScheme.class, "internet-facing").orElseThrow());
    }

    private static <E extends Enum<E> & WireName> List<String> wireNames(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(WireName::wireName).toList();
    }
}
