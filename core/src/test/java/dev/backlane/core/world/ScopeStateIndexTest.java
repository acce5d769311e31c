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
    void nameIndexFollowsNamedResources() {
        ScopeState state = ScopeState.EMPTY
                .with(ResourceTypes.SECURITY_GROUP, new dev.backlane.core.model.SecurityGroup("sg-1", "web", "d", "vpc-a", List.of()))
                .with(ResourceTypes.SECURITY_GROUP, new dev.backlane.core.model.SecurityGroup("sg-2", "web", "d", "vpc-b", List.of()));
        assertEquals(List.of("sg-1", "sg-2"), List.copyOf(state.idsNamed(ResourceTypes.SECURITY_GROUP, "web")));
        state = state.without(ResourceTypes.SECURITY_GROUP, "sg-1");
        assertEquals(List.of("sg-2"), List.copyOf(state.idsNamed(ResourceTypes.SECURITY_GROUP, "web")));
        assertEquals(List.of("sg-2"), List.copyOf(state.idsInVpc(ResourceTypes.SECURITY_GROUP, "vpc-b")));
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

    @Test
    void nameAndTagPrefixesReadOneRangeOfTheOrderedIndex() {
        ScopeState state = ScopeState.EMPTY
                .with(ResourceTypes.SECURITY_GROUP, new dev.backlane.core.model.SecurityGroup("sg-3", "load-10", "d", "vpc-a", List.of()))
                .with(ResourceTypes.SECURITY_GROUP, new dev.backlane.core.model.SecurityGroup("sg-1", "load-1", "d", "vpc-a", List.of()))
                .with(ResourceTypes.SECURITY_GROUP, new dev.backlane.core.model.SecurityGroup("sg-2", "load-2", "d", "vpc-a", List.of()))
                .with(ResourceTypes.SECURITY_GROUP, new dev.backlane.core.model.SecurityGroup("sg-4", "load", "d", "vpc-a", List.of()))
                .with(ResourceTypes.TAGS, new ResourceTags("vpc-1", "vpc", new TreeMap<>(Map.of("Name", "web-a"))))
                .with(ResourceTypes.TAGS, new ResourceTags("vpc-2", "vpc", new TreeMap<>(Map.of("Name", "web-b", "team", "web-c"))))
                .with(ResourceTypes.TAGS, new ResourceTags("vpc-3", "vpc", new TreeMap<>(Map.of("Name", "webb"))));
        assertEquals(List.of("sg-1", "sg-3"), List.copyOf(state.idsNamedWithPrefix(ResourceTypes.SECURITY_GROUP, "load-1")));
        assertEquals(List.of("sg-1", "sg-2", "sg-3"), List.copyOf(state.idsNamedWithPrefix(ResourceTypes.SECURITY_GROUP, "load-")));
        assertEquals(List.of(), List.copyOf(state.idsNamedWithPrefix(ResourceTypes.SECURITY_GROUP, "load-3")));
        assertEquals(List.of("vpc-1", "vpc-2"), List.copyOf(state.idsTaggedWithPrefix("Name", "web-")));
        state = state.without(ResourceTypes.SECURITY_GROUP, "sg-1");
        assertEquals(List.of("sg-3"), List.copyOf(state.idsNamedWithPrefix(ResourceTypes.SECURITY_GROUP, "load-1")));
    }
}
