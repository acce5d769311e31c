package dev.backlane.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backlane.cli.BacklaneCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Vpc;

/** {@code backlane import} loads a real account's snapshot into a running Backlane, which the SDK then describes as AWS did. */
class SnapshotImportIT {
    private static final String ACCOUNT = "554773406868";
    private static final Path SNAPSHOTS = Path.of("..", "core", "src", "test", "resources", "dev", "backlane", "core", "snapshot", "aws-snapshots");

    @RegisterExtension
    static final BacklaneExtension backlane = new BacklaneExtension();

    @Test
    void importedAccountIsDescribedWithItsOwnIds() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine command = BacklaneCommand.newCommandLine();
        command.setOut(new PrintWriter(out));
        int exit = command.execute("import", SNAPSHOTS.resolve("vpc-endpoint-gateway").toString(), "--endpoint-url", backlane.endpoint(),
                "--json");
        assertEquals(0, exit, out.toString());
        JsonNode answer = new ObjectMapper().readTree(out.toString());
        assertEquals(ACCOUNT, answer.path("loaded").get(0).path("account").asText());
        assertEquals("us-east-1", answer.path("loaded").get(0).path("region").asText());

        Ec2Client ec2 = backlane.ec2(ACCOUNT);
        List<Vpc> vpcs = ec2.describeVpcs().vpcs();
        assertEquals(List.of("vpc-05d56c7295fca139b"), vpcs.stream().map(Vpc::vpcId).toList(), "the snapshot's VPC and no Backlane default");
        assertEquals("10.1.0.0/16", vpcs.get(0).cidrBlock());
        assertEquals(List.of("subnet-01e5f0945f6d6f47c", "subnet-04391f04b912d0a73"),
                ec2.describeSubnets().subnets().stream().map(Subnet::subnetId).sorted().toList());
        List<RouteTable> tables = ec2.describeRouteTables().routeTables();
        assertEquals(3, tables.size());
        RouteTable withEndpoint = ec2.describeRouteTables(r -> r.routeTableIds("rtb-0efde4139784b75b0")).routeTables().get(0);
        assertTrue(withEndpoint.routes().stream().anyMatch(route -> "pl-63a5400a".equals(route.destinationPrefixListId())
                && "vpce-0b7357542bb7b83ec".equals(route.gatewayId())), withEndpoint.routes().toString());
        assertTrue(withEndpoint.routes().stream().anyMatch(route -> "0.0.0.0/0".equals(route.destinationCidrBlock())
                && "igw-0c8afe4471084ccba".equals(route.gatewayId()) && route.stateAsString().equals("active")));
        assertTrue(tables.stream().anyMatch(table -> table.associations().stream().anyMatch(association -> association.main())));
        assertEquals("testing", vpcs.get(0).tags().stream().filter(tag -> tag.key().equals("Name")).findFirst().orElseThrow().value());

        // Imported instances are described like launched ones, in the state the snapshot recorded.
        List<Instance> instances = ec2.describeInstances().reservations().stream().flatMap(reservation -> reservation.instances().stream()).toList();
        assertEquals(List.of("i-01c6c0647fdccc89e", "i-0464d440ca0ee9e34"), instances.stream().map(Instance::instanceId).sorted().toList());
        Instance imported = instances.stream().filter(instance -> instance.instanceId().equals("i-0464d440ca0ee9e34")).findFirst().orElseThrow();
        assertEquals(InstanceStateName.RUNNING, imported.state().name());
        assertEquals("10.1.1.169", imported.privateIpAddress());
        assertEquals("ami-0fc61db8544a617ed", imported.imageId());
        assertEquals("t2.micro", imported.instanceTypeAsString());
    }

    @Test
    void dryRunReadsAndReportsWithoutLoading() {
        StringWriter out = new StringWriter();
        CommandLine command = BacklaneCommand.newCommandLine();
        command.setOut(new PrintWriter(out));
        int exit = command.execute("import", SNAPSHOTS.resolve("vpc-peering").toString(), "--dry-run");
        assertEquals(0, exit);
        assertTrue(out.toString().contains("vpc-peering-connection: 2"), out.toString());
        assertTrue(out.toString().contains("igw-0a2c9ae201b441bff, which is not in the snapshot"), out.toString());
        // The snapshot is in us-east-2: that scope holds only the default VPC Backlane gives every account.
        assertTrue(backlane.ec2(ACCOUNT, software.amazon.awssdk.regions.Region.US_EAST_2).describeVpcs().vpcs().stream().allMatch(Vpc::isDefault));
    }
}
