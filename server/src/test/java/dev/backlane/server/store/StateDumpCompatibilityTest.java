package dev.backlane.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backlane.core.model.ElbProtocol;
import dev.backlane.core.model.Listener;
import dev.backlane.core.model.LoadBalancer;
import dev.backlane.core.model.LoadBalancerScheme;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.model.TargetGroup;
import dev.backlane.core.model.TargetType;
import dev.backlane.core.world.World;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * State files exported before ELBv2's protocols, schemes and target types were enums kept AWS's
 * strings ({@code "internet-facing"}, {@code "TLS"}, {@code "ip"}); they still import, and what they
 * import exports and imports again unchanged.
 */
class StateDumpCompatibilityTest {
    private static final Scope SCOPE = new Scope("000000000000", "us-east-1");

    private final StateDump dump = new StateDump();

    @Test
    void aStateFileWithAwsStringsForElbEnumsStillImports() throws IOException {
        World world = read();

        Map<String, LoadBalancer> loadBalancers = world.all(SCOPE, ResourceTypes.LOAD_BALANCER).stream()
                .collect(Collectors.toMap(LoadBalancer::name, Function.identity()));
        assertEquals(LoadBalancerScheme.INTERNET_FACING, loadBalancers.get("web").scheme());
        assertEquals(LoadBalancerScheme.INTERNAL, loadBalancers.get("inside").scheme());
        TargetGroup group = world.all(SCOPE, ResourceTypes.TARGET_GROUP).iterator().next();
        assertEquals(ElbProtocol.TCP, group.protocol());
        assertEquals(ElbProtocol.HTTP, group.healthCheck().protocol());
        assertEquals(TargetType.IP, group.targetType());
        Listener listener = world.all(SCOPE, ResourceTypes.LISTENER).iterator().next();
        assertEquals(ElbProtocol.TLS, listener.protocol());
    }

    @Test
    void whatAnOldStateFileHoldsSurvivesAnotherExport() throws IOException {
        World world = read();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        dump.write(world, out);

        World again = dump.read(new ByteArrayInputStream(out.toByteArray()));

        assertEquals(List.copyOf(world.all(SCOPE, ResourceTypes.LOAD_BALANCER)), List.copyOf(again.all(SCOPE, ResourceTypes.LOAD_BALANCER)));
        assertEquals(List.copyOf(world.all(SCOPE, ResourceTypes.TARGET_GROUP)), List.copyOf(again.all(SCOPE, ResourceTypes.TARGET_GROUP)));
        assertEquals(List.copyOf(world.all(SCOPE, ResourceTypes.LISTENER)), List.copyOf(again.all(SCOPE, ResourceTypes.LISTENER)));
    }

    private World read() throws IOException {
        try (InputStream in = StateDumpCompatibilityTest.class.getResourceAsStream("/state/elbv2-before-enums.json")) {
            return dump.read(in);
        }
    }
}
