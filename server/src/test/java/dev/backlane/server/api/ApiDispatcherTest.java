package dev.backlane.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.model.IdSource;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.world.ChangeSink;
import dev.backlane.core.world.Cloud;
import dev.backlane.core.world.World;
import dev.backlane.server.protocol.ServiceEndpoint;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dispatcher never answers a committed write with an error, and never commits a write it cannot answer. */
class ApiDispatcherTest {
    private static final Scope SCOPE = new Scope("000000000000", "us-east-1");
    private static final ServiceEndpoint EC2 = ServiceEndpoint.load("ec2", "ec2-2016-11-15.service-2.json");
    private static final String VPC = "vpc-0123456789abcdef0";
    private static final String GROUP = "sg-0123456789abcdef0";

    private final Cloud cloud = new Cloud(World.empty(), InstantSource.fixed(Instant.EPOCH), IdSource.sequential(), transaction -> {},
            ChangeSink.none());

    /** DeleteSecurityGroup, whose answer has members (Return, GroupId), handled by {@code handler}. */
    private ApiResponse call(OperationHandler handler) {
        ApiDispatcher dispatcher = new ApiDispatcher(Map.of("ec2", EC2), new OperationRegistry().ec2("DeleteSecurityGroup", handler), cloud);
        return dispatcher.dispatch(EC2, SCOPE, Map.of("Action", "DeleteSecurityGroup", "Version", "2016-11-15", "GroupId", GROUP));
    }

    private OperationHandler tagging(Map<String, Object> output) {
        return call -> call.write(transaction -> {
            transaction.setTags(VPC, "vpc", new java.util.TreeMap<>(Map.of("team", "net")));
            return output;
        });
    }

    private boolean tagged() {
        return cloud.snapshot().find(SCOPE, ResourceTypes.TAGS, VPC).isPresent();
    }

    @Test
    void writeWhoseAnswerCannotBeWrittenChangesNothingAndIsAnInternalError() {
        ApiResponse response = call(tagging(Output.of("NoSuchMember", "x")));
        assertEquals(500, response.status(), response.body());
        assertEquals("InternalError", response.errorCode());
        assertFalse(tagged(), "the command was not committed");
    }

    @Test
    void failureAfterTheCommitIsAnsweredWithTheCommittedAnswer() {
        OperationHandler failsAfterwards = call -> {
            tagging(Output.create().put("Return", true).put("GroupId", GROUP).build()).handle(call);
            throw new IllegalStateException("lost the connection to the metrics sink");
        };
        ApiResponse response = call(failsAfterwards);
        assertEquals(200, response.status(), response.body());
        assertNull(response.errorCode());
        assertTrue(response.body().contains("<groupId>" + GROUP + "</groupId>"), response.body());
        assertTrue(tagged());
    }

    @Test
    void responseNamesTheCallsActionAndResources() {
        ApiResponse response = call(tagging(Output.create().put("Return", true).put("GroupId", GROUP).build()));
        assertEquals("DeleteSecurityGroup", response.action());
        assertEquals(List.of(GROUP), response.resourceIds());
        assertTrue(response.body().contains("<requestId>" + response.requestId() + "</requestId>"), response.body());
    }
}
