package dev.backlane.core.snapshot;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a generated snapshot as describe-* JSON, laid out as {@code DIR/aws_configs/ACCOUNT/REGION/},
 * for import and path benchmarks. Every VPC is the same shape: a public subnet (internet gateway route,
 * NAT gateway) and private subnets (default route to the NAT, the S3 gateway endpoint's prefix-list
 * route), a workload security group, an endpoint security group, the default ACL, an S3 gateway
 * endpoint and an STS interface endpoint with an interface in two private subnets; each subnet holds
 * instances with one interface each. IDs are derived from counters, so the same size gives the same files.
 */
public final class SyntheticSnapshot {
    public static final String ACCOUNT = "123456789012";
    public static final String REGION = "us-east-1";
    public static final String S3_PREFIX_LIST = "pl-63a5400a";
    private static final String[] ZONES = {"us-east-1a", "us-east-1b", "us-east-1c"};
    private static final String[] ZONE_IDS = {"use1-az1", "use1-az2", "use1-az4"};

    /** How large: VPCs, subnets per VPC, instances (one interface each) per subnet. */
    public record Size(int vpcs, int subnetsPerVpc, int instancesPerSubnet) {
        public Size {
            if (vpcs < 1 || vpcs > 65_000 || subnetsPerVpc < 3 || subnetsPerVpc > 250 || instancesPerSubnet < 0 || instancesPerSubnet > 200) {
                throw new IllegalArgumentException("size out of range: " + vpcs + " VPCs, " + subnetsPerVpc + " subnets, " + instancesPerSubnet);
            }
        }

        /** The benchmark topology: 1,000 VPCs, 10,000 subnets, 50,000 instance interfaces (plus 2,000 endpoint and 1,000 NAT interfaces), 2,000 endpoints. */
        public static Size large() {
            return new Size(1_000, 10, 5);
        }

        public int subnets() {
            return vpcs * subnetsPerVpc;
        }

        public int instances() {
            return subnets() * instancesPerSubnet;
        }

        /** Instance interfaces, two per interface endpoint, one per NAT gateway. */
        public int networkInterfaces() {
            return instances() + vpcs * 3;
        }

        public int endpoints() {
            return vpcs * 2;
        }
    }

    private final Size size;
    private final JsonFactory json = new JsonFactory();

    public SyntheticSnapshot(Size size) {
        this.size = requireNonNull(size, "size is null");
    }

    /** Writes the snapshot under {@code root} and gives the directory to import ({@code root} itself). */
    public Path write(Path root) {
        Path directory = root.resolve("aws_configs").resolve(ACCOUNT).resolve(REGION);
        try {
            Files.createDirectories(directory);
            file(directory, "AvailabilityZones", this::zones);
            file(directory, "Vpcs", this::vpcs);
            file(directory, "Subnets", this::subnets);
            file(directory, "InternetGateways", this::internetGateways);
            file(directory, "NatGateways", this::natGateways);
            file(directory, "RouteTables", this::routeTables);
            file(directory, "SecurityGroups", this::securityGroups);
            file(directory, "NetworkAcls", this::networkAcls);
            file(directory, "NetworkInterfaces", this::networkInterfaces);
            file(directory, "Reservations", this::reservations);
            file(directory, "VpcEndpoints", this::endpoints);
            file(directory, "PrefixLists", this::prefixLists);
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the synthetic snapshot under " + root, e);
        }
    }

    private interface Items {
        void write(JsonGenerator out) throws IOException;
    }

    private void file(Path directory, String key, Items items) throws IOException {
        try (JsonGenerator out = json.createGenerator(directory.resolve(key + ".json").toFile(), JsonEncoding.UTF8)) {
            out.writeStartObject();
            out.writeArrayFieldStart(key);
            items.write(out);
            out.writeEndArray();
            out.writeEndObject();
        }
    }

    static String id(String prefix, int kind, long n) {
        return String.format("%s-%x%016x", prefix, kind, n);
    }

    static String vpc(int v) {
        return id("vpc", 1, v);
    }

    static String subnet(int v, int s) {
        return id("subnet", 2, (long) v * 1000 + s);
    }

    static String eni(long n) {
        return id("eni", 3, n);
    }

    static String instance(long n) {
        return id("i", 4, n);
    }

    static String cidr(int v) {
        return "10." + (v % 250) + ".0.0/16";
    }

    private static String prefix(int v) {
        return "10." + (v % 250) + ".";
    }

    private void zones(JsonGenerator out) throws IOException {
        for (int z = 0; z < ZONES.length; z++) {
            out.writeStartObject();
            out.writeStringField("ZoneName", ZONES[z]);
            out.writeStringField("ZoneId", ZONE_IDS[z]);
            out.writeStringField("RegionName", REGION);
            out.writeStringField("State", "available");
            out.writeEndObject();
        }
    }

    private void vpcs(JsonGenerator out) throws IOException {
        for (int v = 0; v < size.vpcs(); v++) {
            out.writeStartObject();
            out.writeStringField("VpcId", vpc(v));
            out.writeStringField("CidrBlock", cidr(v));
            out.writeArrayFieldStart("CidrBlockAssociationSet");
            out.writeStartObject();
            out.writeStringField("AssociationId", id("vpc-cidr-assoc", 1, v));
            out.writeStringField("CidrBlock", cidr(v));
            out.writeObjectFieldStart("CidrBlockState");
            out.writeStringField("State", "associated");
            out.writeEndObject();
            out.writeEndObject();
            out.writeEndArray();
            out.writeStringField("DhcpOptionsId", "dopt-00000001");
            out.writeStringField("InstanceTenancy", "default");
            out.writeBooleanField("IsDefault", false);
            out.writeStringField("OwnerId", ACCOUNT);
            out.writeStringField("State", "available");
            tags(out, "vpc-" + v);
            out.writeEndObject();
        }
    }

    private void subnets(JsonGenerator out) throws IOException {
        for (int v = 0; v < size.vpcs(); v++) {
            for (int s = 0; s < size.subnetsPerVpc(); s++) {
                out.writeStartObject();
                out.writeStringField("SubnetId", subnet(v, s));
                out.writeStringField("VpcId", vpc(v));
                out.writeStringField("CidrBlock", prefix(v) + s + ".0/24");
                out.writeStringField("AvailabilityZone", ZONES[s % ZONES.length]);
                out.writeStringField("AvailabilityZoneId", ZONE_IDS[s % ZONES.length]);
                out.writeBooleanField("MapPublicIpOnLaunch", s == 0);
                out.writeStringField("OwnerId", ACCOUNT);
                out.writeStringField("State", "available");
                tags(out, (s == 0 ? "public-" : "private-") + v + "-" + s);
                out.writeEndObject();
            }
        }
    }

    private void internetGateways(JsonGenerator out) throws IOException {
        for (int v = 0; v < size.vpcs(); v++) {
            out.writeStartObject();
            out.writeStringField("InternetGatewayId", id("igw", 5, v));
            out.writeArrayFieldStart("Attachments");
            out.writeStartObject();
            out.writeStringField("State", "available");
            out.writeStringField("VpcId", vpc(v));
            out.writeEndObject();
            out.writeEndArray();
            out.writeStringField("OwnerId", ACCOUNT);
            out.writeEndObject();
        }
    }

    private void natGateways(JsonGenerator out) throws IOException {
        for (int v = 0; v < size.vpcs(); v++) {
            out.writeStartObject();
            out.writeStringField("NatGatewayId", id("nat", 6, v));
            out.writeStringField("SubnetId", subnet(v, 0));
            out.writeStringField("VpcId", vpc(v));
            out.writeStringField("State", "available");
            out.writeStringField("CreateTime", "2024-01-01 00:00:00+00:00");
            out.writeArrayFieldStart("NatGatewayAddresses");
            out.writeStartObject();
            out.writeStringField("NetworkInterfaceId", eni(natEniNumber(v)));
            out.writeStringField("PrivateIp", prefix(v) + "0.5");
            out.writeStringField("AllocationId", id("eipalloc", 7, v));
            out.writeStringField("PublicIp", "3." + (v / 250) + "." + (v % 250) + ".1");
            out.writeEndObject();
            out.writeEndArray();
            out.writeEndObject();
        }
    }

    private void routeTables(JsonGenerator out) throws IOException {
        for (int v = 0; v < size.vpcs(); v++) {
            // Main table: private routes, associated with the private subnets implicitly.
            table(out, v, 0, true, -1);
            // Public table: the internet gateway, for subnet 0.
            table(out, v, 1, false, 0);
            // One explicit private table for subnet 1, the rest use the main table.
            table(out, v, 2, false, 1);
        }
    }

    static String routeTable(int v, int t) {
        return id("rtb", 8, (long) v * 10 + t);
    }

    private void table(JsonGenerator out, int v, int t, boolean main, int subnet) throws IOException {
        out.writeStartObject();
        out.writeStringField("RouteTableId", routeTable(v, t));
        out.writeStringField("VpcId", vpc(v));
        out.writeStringField("OwnerId", ACCOUNT);
        out.writeArrayFieldStart("Associations");
        out.writeStartObject();
        out.writeStringField("RouteTableAssociationId", id("rtbassoc", 8, (long) v * 10 + t));
        out.writeStringField("RouteTableId", routeTable(v, t));
        if (subnet >= 0) {
            out.writeStringField("SubnetId", subnet(v, subnet));
        }
        out.writeBooleanField("Main", main);
        out.writeObjectFieldStart("AssociationState");
        out.writeStringField("State", "associated");
        out.writeEndObject();
        out.writeEndObject();
        out.writeEndArray();
        out.writeArrayFieldStart("Routes");
        route(out, "DestinationCidrBlock", cidr(v), "GatewayId", "local", "CreateRouteTable");
        if (t == 1) {
            route(out, "DestinationCidrBlock", "0.0.0.0/0", "GatewayId", id("igw", 5, v), "CreateRoute");
        } else {
            route(out, "DestinationCidrBlock", "0.0.0.0/0", "NatGatewayId", id("nat", 6, v), "CreateRoute");
            route(out, "DestinationPrefixListId", S3_PREFIX_LIST, "GatewayId", gatewayEndpoint(v), "CreateRoute");
        }
        out.writeEndArray();
        out.writeArrayFieldStart("PropagatingVgws");
        out.writeEndArray();
        out.writeEndObject();
    }

    private static void route(JsonGenerator out, String destinationField, String destination, String targetField, String target, String origin)
            throws IOException {
        out.writeStartObject();
        out.writeStringField(destinationField, destination);
        out.writeStringField(targetField, target);
        out.writeStringField("Origin", origin);
        out.writeStringField("State", "active");
        out.writeEndObject();
    }

    static String group(int v, int g) {
        return id("sg", 9, (long) v * 10 + g);
    }

    private void securityGroups(JsonGenerator out) throws IOException {
        for (int v = 0; v < size.vpcs(); v++) {
            securityGroup(out, v, 0, "default", "default VPC security group", null, group(v, 0));
            securityGroup(out, v, 1, "workload", "instances", cidr(v), null);
            securityGroup(out, v, 2, "endpoints", "interface endpoints", null, group(v, 1));
        }
    }

    private static void securityGroup(JsonGenerator out, int v, int g, String name, String description, String ingressCidr,
            String ingressGroup) throws IOException {
        out.writeStartObject();
        out.writeStringField("GroupId", group(v, g));
        out.writeStringField("GroupName", name);
        out.writeStringField("Description", description);
        out.writeStringField("VpcId", vpc(v));
        out.writeStringField("OwnerId", ACCOUNT);
        out.writeArrayFieldStart("IpPermissions");
        out.writeStartObject();
        out.writeStringField("IpProtocol", ingressGroup != null && g == 0 ? "-1" : "tcp");
        if (!(ingressGroup != null && g == 0)) {
            out.writeNumberField("FromPort", 443);
            out.writeNumberField("ToPort", 443);
        }
        out.writeArrayFieldStart("IpRanges");
        if (ingressCidr != null) {
            out.writeStartObject();
            out.writeStringField("CidrIp", ingressCidr);
            out.writeEndObject();
        }
        out.writeEndArray();
        out.writeArrayFieldStart("UserIdGroupPairs");
        if (ingressGroup != null) {
            out.writeStartObject();
            out.writeStringField("GroupId", ingressGroup);
            out.writeStringField("UserId", ACCOUNT);
            out.writeEndObject();
        }
        out.writeEndArray();
        out.writeEndObject();
        out.writeEndArray();
        out.writeArrayFieldStart("IpPermissionsEgress");
        out.writeStartObject();
        out.writeStringField("IpProtocol", "-1");
        out.writeArrayFieldStart("IpRanges");
        out.writeStartObject();
        out.writeStringField("CidrIp", "0.0.0.0/0");
        out.writeEndObject();
        out.writeEndArray();
        out.writeEndObject();
        out.writeEndArray();
        out.writeEndObject();
    }

    private void networkAcls(JsonGenerator out) throws IOException {
        for (int v = 0; v < size.vpcs(); v++) {
            out.writeStartObject();
            out.writeStringField("NetworkAclId", id("acl", 10, v));
            out.writeStringField("VpcId", vpc(v));
            out.writeBooleanField("IsDefault", true);
            out.writeStringField("OwnerId", ACCOUNT);
            out.writeArrayFieldStart("Entries");
            for (boolean egress : new boolean[] {false, true}) {
                aclEntry(out, 100, egress, "allow");
                aclEntry(out, 32767, egress, "deny");
            }
            out.writeEndArray();
            out.writeArrayFieldStart("Associations");
            for (int s = 0; s < size.subnetsPerVpc(); s++) {
                out.writeStartObject();
                out.writeStringField("NetworkAclAssociationId", id("aclassoc", 10, (long) v * 1000 + s));
                out.writeStringField("NetworkAclId", id("acl", 10, v));
                out.writeStringField("SubnetId", subnet(v, s));
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeEndObject();
        }
    }

    private static void aclEntry(JsonGenerator out, int number, boolean egress, String action) throws IOException {
        out.writeStartObject();
        out.writeNumberField("RuleNumber", number);
        out.writeBooleanField("Egress", egress);
        out.writeStringField("Protocol", "-1");
        out.writeStringField("RuleAction", action);
        out.writeStringField("CidrBlock", "0.0.0.0/0");
        out.writeEndObject();
    }

    /** Instance interfaces count from 0; endpoint and NAT interfaces follow them. */
    private long instanceEni(int v, int s, int i) {
        return ((long) v * size.subnetsPerVpc() + s) * size.instancesPerSubnet() + i;
    }

    private long endpointEni(int v, int k) {
        return size.instances() + (long) v * 3 + k;
    }

    private long natEniNumber(int v) {
        return size.instances() + (long) v * 3 + 2;
    }

    private void networkInterfaces(JsonGenerator out) throws IOException {
        for (int v = 0; v < size.vpcs(); v++) {
            for (int s = 0; s < size.subnetsPerVpc(); s++) {
                for (int i = 0; i < size.instancesPerSubnet(); i++) {
                    long n = instanceEni(v, s, i);
                    networkInterface(out, v, s, eni(n), prefix(v) + s + "." + (10 + i), "interface", false, group(v, 1), instance(n));
                }
            }
            for (int k = 0; k < 2; k++) {
                networkInterface(out, v, 1 + k, eni(endpointEni(v, k)), prefix(v) + (1 + k) + ".200", "vpc_endpoint", true, group(v, 2), null);
            }
            networkInterface(out, v, 0, eni(natEniNumber(v)), prefix(v) + "0.5", "nat_gateway", true, null, null);
        }
    }

    private static void networkInterface(JsonGenerator out, int v, int s, String id, String address, String type, boolean requesterManaged,
            String group, String instanceId) throws IOException {
        out.writeStartObject();
        out.writeStringField("NetworkInterfaceId", id);
        out.writeStringField("SubnetId", subnet(v, s));
        out.writeStringField("VpcId", vpc(v));
        out.writeStringField("AvailabilityZone", ZONES[s % ZONES.length]);
        out.writeStringField("InterfaceType", type);
        out.writeBooleanField("RequesterManaged", requesterManaged);
        out.writeStringField("OwnerId", ACCOUNT);
        out.writeStringField("PrivateIpAddress", address);
        out.writeArrayFieldStart("PrivateIpAddresses");
        out.writeStartObject();
        out.writeBooleanField("Primary", true);
        out.writeStringField("PrivateIpAddress", address);
        out.writeEndObject();
        out.writeEndArray();
        out.writeArrayFieldStart("Groups");
        if (group != null) {
            out.writeStartObject();
            out.writeStringField("GroupId", group);
            out.writeEndObject();
        }
        out.writeEndArray();
        out.writeStringField("MacAddress", "02:00:00:00:00:01");
        out.writeStringField("Status", "in-use");
        if (instanceId != null) {
            out.writeObjectFieldStart("Attachment");
            out.writeStringField("AttachmentId", "eni-attach-" + id.substring(4));
            out.writeStringField("InstanceId", instanceId);
            out.writeStringField("InstanceOwnerId", ACCOUNT);
            out.writeNumberField("DeviceIndex", 0);
            out.writeStringField("Status", "attached");
            out.writeStringField("AttachTime", "2024-01-01 00:00:00+00:00");
            out.writeEndObject();
        }
        out.writeEndObject();
    }

    private void reservations(JsonGenerator out) throws IOException {
        for (int v = 0; v < size.vpcs(); v++) {
            for (int s = 0; s < size.subnetsPerVpc(); s++) {
                out.writeStartObject();
                out.writeStringField("ReservationId", id("r", 11, (long) v * 1000 + s));
                out.writeStringField("OwnerId", ACCOUNT);
                out.writeArrayFieldStart("Instances");
                for (int i = 0; i < size.instancesPerSubnet(); i++) {
                    long n = instanceEni(v, s, i);
                    out.writeStartObject();
                    out.writeStringField("InstanceId", instance(n));
                    out.writeStringField("InstanceType", "t3.micro");
                    out.writeObjectFieldStart("State");
                    out.writeNumberField("Code", 16);
                    out.writeStringField("Name", "running");
                    out.writeEndObject();
                    out.writeStringField("SubnetId", subnet(v, s));
                    out.writeStringField("VpcId", vpc(v));
                    out.writeObjectFieldStart("Placement");
                    out.writeStringField("AvailabilityZone", ZONES[s % ZONES.length]);
                    out.writeEndObject();
                    out.writeStringField("PrivateIpAddress", prefix(v) + s + "." + (10 + i));
                    out.writeArrayFieldStart("NetworkInterfaces");
                    out.writeStartObject();
                    out.writeStringField("NetworkInterfaceId", eni(n));
                    out.writeObjectFieldStart("Attachment");
                    out.writeNumberField("DeviceIndex", 0);
                    out.writeEndObject();
                    out.writeEndObject();
                    out.writeEndArray();
                    out.writeArrayFieldStart("SecurityGroups");
                    out.writeStartObject();
                    out.writeStringField("GroupId", group(v, 1));
                    out.writeEndObject();
                    out.writeEndArray();
                    out.writeStringField("LaunchTime", "2024-01-01 00:00:00+00:00");
                    out.writeEndObject();
                }
                out.writeEndArray();
                out.writeEndObject();
            }
        }
    }

    static String gatewayEndpoint(int v) {
        return id("vpce", 12, (long) v * 2);
    }

    static String interfaceEndpoint(int v) {
        return id("vpce", 12, (long) v * 2 + 1);
    }

    private void endpoints(JsonGenerator out) throws IOException {
        for (int v = 0; v < size.vpcs(); v++) {
            out.writeStartObject();
            out.writeStringField("VpcEndpointId", gatewayEndpoint(v));
            out.writeStringField("VpcEndpointType", "Gateway");
            out.writeStringField("VpcId", vpc(v));
            out.writeStringField("ServiceName", "com.amazonaws.us-east-1.s3");
            out.writeStringField("State", "available");
            out.writeStringField("PolicyDocument", "{\"Version\":\"2008-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}]}");
            out.writeArrayFieldStart("RouteTableIds");
            out.writeString(routeTable(v, 0));
            out.writeString(routeTable(v, 2));
            out.writeEndArray();
            out.writeStringField("CreationTimestamp", "2024-01-01 00:00:00+00:00");
            out.writeEndObject();

            String id = interfaceEndpoint(v);
            String suffix = String.format("%08x", v);
            out.writeStartObject();
            out.writeStringField("VpcEndpointId", id);
            out.writeStringField("VpcEndpointType", "Interface");
            out.writeStringField("VpcId", vpc(v));
            out.writeStringField("ServiceName", "com.amazonaws.us-east-1.sts");
            out.writeStringField("State", "available");
            out.writeBooleanField("PrivateDnsEnabled", true);
            out.writeArrayFieldStart("SubnetIds");
            out.writeString(subnet(v, 1));
            out.writeString(subnet(v, 2));
            out.writeEndArray();
            out.writeArrayFieldStart("NetworkInterfaceIds");
            out.writeString(eni(endpointEni(v, 0)));
            out.writeString(eni(endpointEni(v, 1)));
            out.writeEndArray();
            out.writeArrayFieldStart("Groups");
            out.writeStartObject();
            out.writeStringField("GroupId", group(v, 2));
            out.writeEndObject();
            out.writeEndArray();
            out.writeArrayFieldStart("DnsEntries");
            out.writeStartObject();
            out.writeStringField("DnsName", id + "-" + suffix + ".sts.us-east-1.vpce.amazonaws.com");
            out.writeStringField("HostedZoneId", "Z7HUB22UULQXV");
            out.writeEndObject();
            out.writeEndArray();
            out.writeStringField("CreationTimestamp", "2024-01-01 00:00:00+00:00");
            out.writeEndObject();
        }
    }

    private void prefixLists(JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeStringField("PrefixListId", S3_PREFIX_LIST);
        out.writeStringField("PrefixListName", "com.amazonaws.us-east-1.s3");
        out.writeArrayFieldStart("Cidrs");
        for (String cidr : new String[] {"54.231.0.0/17", "52.216.0.0/15", "3.5.16.0/21", "3.5.0.0/20"}) {
            out.writeString(cidr);
        }
        out.writeEndArray();
        out.writeEndObject();
    }

    private static void tags(JsonGenerator out, String name) throws IOException {
        out.writeArrayFieldStart("Tags");
        out.writeStartObject();
        out.writeStringField("Key", "Name");
        out.writeStringField("Value", name);
        out.writeEndObject();
        out.writeEndArray();
    }
}
