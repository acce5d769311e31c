package dev.backlane.core.world;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backlane.core.model.InternetGateway;
import dev.backlane.core.model.ResourceTags;
import dev.backlane.core.model.ResourceTypes;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ScopeStateIndexTest {
    @Test
    void vpcIndexFollowsAttachDetachAndRemoval() {
        ScopeState state = ScopeState.EMPTY
                .with(ResourceTypes.INTERNET_GATEWAY, new InternetGateway("igw-1", "vpc-a"))
                .with(ResourceTypes.INTERNET_GATEWAY, new InternetGateway("igw-2", "vpc-a"));
        assertEquals(List.of("igw-1", "igw-2"), List.copyOf(state.idsInVpc(ResourceTypes.INTERNET_GATEWAY, "vpc-a")));
        state = state.with(ResourceTypes.INTERNET_GATEWAY, new InternetGateway("igw-1", "vpc-b"));
        assertEquals(List.of("igw-2"), List.copyOf(state.idsInVpc(ResourceTypes.INTERNET_GATEWAY, "vpc-a")));
        assertEquals(List.of("igw-1"), List.copyOf(state.idsInVpc(ResourceTypes.INTERNET_GATEWAY, "vpc-b")));
        state = state.with(ResourceTypes.INTERNET_GATEWAY, new InternetGateway("igw-1", null)).without(ResourceTypes.INTERNET_GATEWAY, "igw-2");
        assertEquals(List.of(), List.copyOf(state.idsInVpc(ResourceTypes.INTERNET_GATEWAY, "vpc-a")));
        assertEquals(List.of(), List.copyOf(state.idsInVpc(ResourceTypes.INTERNET_GATEWAY, "vpc-b")));
        assertEquals(List.of(), List.copyOf(state.idsInVpc(ResourceTypes.SUBNET, "vpc-a")), "indexes are per kind");
    }

    @Test
    void tagIndexFollowsRetaggingAndUntagging() {
        ScopeState state = ScopeState.EMPTY
                .with(ResourceTypes.TAGS, new ResourceTags("vpc-1", "vpc", new TreeMap<>(Map.of("Name", "web", "team", "a"))))
                .with(ResourceTypes.TAGS, new ResourceTags("vpc-2", "vpc", new TreeMap<>(Map.of("Name", "web"))));
        assertEquals(List.of("vpc-1", "vpc-2"), List.copyOf(state.idsTagged("Name", "web")));
        state = state.with(ResourceTypes.TAGS, new ResourceTags("vpc-1", "vpc", new TreeMap<>(Map.of("Name", "db"))));
        assertEquals(List.of("vpc-2"), List.copyOf(state.idsTagged("Name", "web")));
        assertEquals(List.of("vpc-1"), List.copyOf(state.idsTagged("Name", "db")));
        assertEquals(List.of(), List.copyOf(state.idsTagged("team", "a")));
        state = state.without(ResourceTypes.TAGS, "vpc-2");
        assertEquals(List.of(), List.copyOf(state.idsTagged("Name", "web")));
    }
}
