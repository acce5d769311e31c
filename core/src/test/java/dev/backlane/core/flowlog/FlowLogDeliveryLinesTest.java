package dev.backlane.core.flowlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.analysis.AnalysisWorld;
import dev.backlane.core.analysis.PathResult;
import dev.backlane.core.analysis.ServiceAddresses;
import dev.backlane.core.analysis.Verdict;
import dev.backlane.core.event.GatewayConnectionClosedEvent;
import dev.backlane.core.event.GatewayConnectionOpenedEvent;
import dev.backlane.core.event.GatewayRequestEvent;
import dev.backlane.core.event.PrivateLinkConnectionRefusedEvent;
import dev.backlane.core.event.PrivateLinkFlow;
import dev.backlane.core.flowlog.FlowLogCommands.CreateFlowLogs;
import dev.backlane.core.model.FlowLog;
import dev.backlane.core.model.FlowLogResourceType;
import dev.backlane.core.model.FlowLogTrafficType;
import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.SecurityGroup;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.model.Vpc;
import dev.backlane.core.model.VpcEndpoint;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.traffic.Workload;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * From a workload's calls, as the gateway publishes them, to the lines flow logs deliver: the sampler's VPC-side
 * flows on both interfaces, the collector's routing by resource and traffic type, and the format's fields.
 */
class FlowLogDeliveryLinesTest {
    private static final String STS = "com.amazonaws.us-east-1.sts";
    private static final String FORMAT = "${version} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${packets} ${bytes} ${start} ${end} "
            + "${action} ${tcp-flags} ${vpc-id} ${subnet-id} ${instance-id} ${az-id} ${region} ${flow-direction} ${traffic-path} ${pkt-dst-aws-service}";
    /** A minute boundary, so the window of the calls is [WINDOW, WINDOW + 60). */
    private static final long WINDOW = 1_767_323_040L;

    private final AnalysisWorld world = new AnalysisWorld();
    private final Vpc vpc = world.vpc("10.0.0.0/16");
    private final Subnet subnet = world.subnet(vpc, "10.0.1.0/24", AnalysisWorld.zoneName("use1-az6"));
    private final SecurityGroup workloads = world.group(vpc, "workloads");
    private final SecurityGroup endpoints = world.group(vpc, "endpoints");
    private final NetworkInterface eni = world.instanceInterface(subnet, "i-0123456789abcdef0", workloads.id());
    private final Workload workload = new Workload("w-1", world.scope, eni.id(), Optional.of("i-0123456789abcdef0"), "arn:aws:iam::111122223333:root",
            false);
    private final FlowSampler sampler = new FlowSampler(id -> id.equals("w-1") ? Optional.of(workload) : Optional.empty(),
            ServiceAddresses.standard(), 100);
    private final FlowLogCollector collector = new FlowLogCollector(1000);

    @Test
    void aCallThroughAnInterfaceEndpointIsOneFlowEachWayOnBothInterfaces() {
        world.allowIn(endpoints.id(), 443, "10.0.0.0/16");
        VpcEndpoint endpoint = world.interfaceEndpoint(vpc, STS, true, "available", List.of(subnet), endpoints.id());
        String endpointEni = endpoint.networkInterfaceIds().get(0);
        String endpointAddress = world.world().find(world.scope, ResourceTypes.NETWORK_INTERFACE, endpointEni).orElseThrow().privateIpAddress();
        flowLog(vpc.id(), FlowLogResourceType.VPC, FlowLogTrafficType.ALL, FORMAT);
        PathResult path = world.explain(eni.id(), "sts.us-east-1.amazonaws.com", 443);
        assertEquals(Verdict.PRIVATE, path.verdict());

        feed(sampler.opened(new GatewayConnectionOpenedEvent("w-1", "127.0.0.1", 50123, 41000, at(1))));
        feed(sampler.request(world.world(), request(path, 50123, 517, 3000, at(2))));
        feed(sampler.request(world.world(), request(path, 50123, 400, 1000, at(5))));
        feed(sampler.closed(new GatewayConnectionClosedEvent("w-1", "127.0.0.1", 50123, 41000, at(1), at(9), 917, 4000, 2)));

        assertEquals(List.of(), collector.flush(world.world(), WINDOW + 59), "the window has not ended");
        List<FlowLogLines> ready = collector.flush(world.world(), WINDOW + 60);
        assertEquals(1, ready.size());
        String zone = subnet.availabilityZoneId();
        String vpcId = vpc.id();
        String subnetId = subnet.id();
        // Client's side: 2 requests (917 bytes: 1 + 1 data packets), SYN and the handshake's ACK, its FIN; answers 3 + 1 data, SYN-ACK, FIN.
        assertEquals(Stream.of(
                        "5 " + endpointEni + " 10.0.1.4 " + endpointAddress + " 50123 443 5 1177 " + (WINDOW + 2) + " " + (WINDOW + 9)
                                + " ACCEPT 3 " + vpcId + " " + subnetId + " - " + zone + " us-east-1 ingress - -",
                        "5 " + endpointEni + " " + endpointAddress + " 10.0.1.4 443 50123 6 4312 " + (WINDOW + 2) + " " + (WINDOW + 9)
                                + " ACCEPT 19 " + vpcId + " " + subnetId + " - " + zone + " us-east-1 egress 1 -",
                        "5 " + eni.id() + " 10.0.1.4 " + endpointAddress + " 50123 443 5 1177 " + (WINDOW + 2) + " " + (WINDOW + 9)
                                + " ACCEPT 3 " + vpcId + " " + subnetId + " i-0123456789abcdef0 " + zone + " us-east-1 egress 1 -",
                        "5 " + eni.id() + " " + endpointAddress + " 10.0.1.4 443 50123 6 4312 " + (WINDOW + 2) + " " + (WINDOW + 9)
                                + " ACCEPT 19 " + vpcId + " " + subnetId + " i-0123456789abcdef0 " + zone + " us-east-1 ingress - -").sorted().toList(),
                sorted(ready.get(0)), "addresses of the workload interface " + eni.privateIpAddress());
    }

    @Test
    void aCallTheEndpointsGroupDropsIsRejectedOnTheEndpointInterfaceAndLeavesTheWorkloadAccepted() {
        VpcEndpoint endpoint = world.interfaceEndpoint(vpc, STS, true, "available", List.of(subnet), endpoints.id());
        String endpointEni = endpoint.networkInterfaceIds().get(0);
        flowLog(vpc.id(), FlowLogResourceType.VPC, FlowLogTrafficType.REJECT, "${interface-id} ${packets} ${bytes} ${action} ${tcp-flags}");
        FlowLog accepted = flowLog(eni.id(), FlowLogResourceType.NETWORK_INTERFACE, FlowLogTrafficType.ACCEPT, "${interface-id} ${action}");
        PathResult path = world.explain(eni.id(), "sts.us-east-1.amazonaws.com", 443);
        assertEquals(Verdict.BLOCKED, path.verdict());

        // The client waited 8 seconds: the first SYN and the retries at 1, 3 and 7 seconds.
        feed(sampler.request(world.world(), new GatewayRequestEvent("w-1", "127.0.0.1", 50200, "POST", Optional.empty(), Optional.of(path.verdict()),
                Optional.empty(), Optional.of("ENI_SG_RULES_MISMATCH"), GatewayRequestEvent.Outcome.STALLED, 0, 300, 0, at(3), 8_000_000_000L,
                path.destination())));

        List<FlowLogLines> ready = collector.flush(world.world(), WINDOW + 60);
        assertEquals(2, ready.size());
        FlowLogLines rejects = ready.stream().filter(lines -> !lines.flowLog().id().equals(accepted.id())).findFirst().orElseThrow();
        assertEquals(List.of(endpointEni + " 4 240 REJECT 2"), sorted(rejects));
        FlowLogLines accepts = ready.stream().filter(lines -> lines.flowLog().id().equals(accepted.id())).findFirst().orElseThrow();
        assertEquals(List.of(eni.id() + " ACCEPT"), sorted(accepts));
    }

    @Test
    void aCallItsOwnGroupDropsIsRejectedOnTheWorkloadInterface() {
        world.allowIn(endpoints.id(), 443, "10.0.0.0/16");
        String endpointEni = world.interfaceEndpoint(vpc, STS, true, "available", List.of(subnet), endpoints.id()).networkInterfaceIds().get(0);
        world.revokeAllEgress(workloads.id());
        flowLog(subnet.id(), FlowLogResourceType.SUBNET, FlowLogTrafficType.ALL, "${interface-id} ${packets} ${action} ${flow-direction}");
        PathResult path = world.explain(eni.id(), "sts.us-east-1.amazonaws.com", 443);

        feed(sampler.request(world.world(), new GatewayRequestEvent("w-1", "127.0.0.1", 50300, "POST", Optional.empty(), Optional.of(path.verdict()),
                Optional.empty(), Optional.of("ENI_SG_RULES_MISMATCH"), GatewayRequestEvent.Outcome.RESET, 0, 300, 0, at(3), 1_000_000L,
                path.destination())));

        // The SYN never reached the endpoint's interface: it had no traffic in the window.
        assertEquals(List.of(eni.id() + " 1 REJECT egress", endpointEni + " - - -"), sorted(collector.flush(world.world(), WINDOW + 60).get(0)));
    }

    @Test
    void anInterfaceWithoutTrafficInAWindowGetsANodataRecordOnceAndTrafficOfAnyActionCounts() {
        world.allowIn(endpoints.id(), 443, "10.0.0.0/16");
        String endpointEni = world.interfaceEndpoint(vpc, STS, true, "available", List.of(subnet), endpoints.id()).networkInterfaceIds().get(0);
        FlowLog all = flowLog(vpc.id(), FlowLogResourceType.VPC, FlowLogTrafficType.ALL, null);
        FlowLog rejects = flowLog(vpc.id(), FlowLogResourceType.VPC, FlowLogTrafficType.REJECT, null);
        PathResult path = world.explain(eni.id(), "sts.us-east-1.amazonaws.com", 443);
        // Accepted traffic in the second window only: the first has none anywhere.
        feed(sampler.request(world.world(), request(path, 50600, 100, 100, at(61))));

        List<FlowLogLines> first = collector.flush(world.world(), WINDOW + 60);
        String account = world.scope.account();
        List<String> nodata = Stream.of(eni.id(), endpointEni).sorted()
                .map(id -> "2 " + account + " " + id + " - - - - - - - " + WINDOW + " " + (WINDOW + 59) + " - NODATA").toList();
        assertEquals(List.of(all.id(), rejects.id()), first.stream().map(lines -> lines.flowLog().id()).sorted().toList());
        first.forEach(lines -> assertEquals(nodata, sorted(lines), lines.flowLog().trafficType().toString()));
        assertEquals(List.of(), collector.flush(world.world(), WINDOW + 61), "a window's NODATA records are written once");

        List<FlowLogLines> second = collector.flush(world.world(), WINDOW + 120);
        assertEquals(List.of(all.id()), second.stream().map(lines -> lines.flowLog().id()).toList(),
                "the accepted traffic is no record of the REJECT flow log, but it was traffic: no NODATA there");
        assertTrue(second.get(0).lines().stream().noneMatch(line -> line.text().endsWith("NODATA")), second.get(0).lines().toString());
    }

    @Test
    void nodataRecordsAreWrittenForTheLatestWindowsOnlyWhenTheClockJumps() {
        FlowLog flowLog = flowLog(eni.id(), FlowLogResourceType.NETWORK_INTERFACE, FlowLogTrafficType.ALL, "${start} ${log-status}");
        List<FlowLogLines> ready = collector.flush(world.world(), WINDOW + 3600);
        assertEquals(flowLog.id(), ready.get(0).flowLog().id());
        List<String> starts = ready.get(0).lines().stream().map(FlowLogLines.Line::text).toList();
        assertEquals(FlowLogCollector.MAX_NODATA_WINDOWS, starts.size(), starts.toString());
        assertEquals((WINDOW + 3600 - 60) + " NODATA", starts.get(starts.size() - 1));
    }

    @Test
    void theS3GatewayEndpointsFlowGoesToTheServicesPublicAddressAndNamesS3() {
        world.gatewayEndpoint(vpc, "com.amazonaws.us-east-1.s3", AnalysisWorld.S3_PREFIX_LIST, world.mainRouteTable(vpc));
        flowLog(eni.id(), FlowLogResourceType.NETWORK_INTERFACE, FlowLogTrafficType.ALL,
                "${dstaddr} ${dstport} ${flow-direction} ${traffic-path} ${pkt-src-aws-service} ${pkt-dst-aws-service}");
        PathResult path = world.explain(eni.id(), "bucket.s3.us-east-1.amazonaws.com", 443);
        assertEquals(Verdict.PRIVATE, path.verdict());

        feed(sampler.request(world.world(), request(path, 50400, 200, 100, at(4))));

        assertEquals(List.of("10.0.1.4 50400 ingress - S3 -", "3.5.0.1 443 egress 7 - S3"), sorted(collector.flush(world.world(), WINDOW + 60).get(0)));
    }

    @Test
    void aDeletedFlowLogDeliversNothingAndADrainGivesOpenWindows() {
        world.allowIn(endpoints.id(), 443, "10.0.0.0/16");
        world.interfaceEndpoint(vpc, STS, true, "available", List.of(subnet), endpoints.id());
        FlowLog kept = flowLog(vpc.id(), FlowLogResourceType.VPC, FlowLogTrafficType.ALL, "${srcport} ${action}");
        FlowLog deleted = flowLog(eni.id(), FlowLogResourceType.NETWORK_INTERFACE, FlowLogTrafficType.ALL, "${srcport} ${action}");
        PathResult path = world.explain(eni.id(), "sts.us-east-1.amazonaws.com", 443);
        feed(sampler.request(world.world(), request(path, 50500, 100, 100, at(4))));
        world.write(tx -> new FlowLogCommands().delete(tx, List.of(deleted.id())));

        List<FlowLogLines> drained = collector.drain(world.world());
        assertEquals(List.of(kept.id()), drained.stream().map(lines -> lines.flowLog().id()).toList());
        assertEquals(4, drained.get(0).lines().size());
        assertEquals("srcport action", drained.get(0).header());
        assertEquals(0, collector.openFlows());
    }

    @Test
    void aPrivateLinkConnectionRefusedByAGroupIsARejectAtTheEndpointAndOneRefusedBeyondIsASynAnsweredByAReset() {
        VpcEndpoint endpoint = world.interfaceEndpoint(vpc, STS, true, "available", List.of(subnet), endpoints.id());
        String endpointEni = endpoint.networkInterfaceIds().get(0);
        String endpointAddress = world.world().find(world.scope, ResourceTypes.NETWORK_INTERFACE, endpointEni).orElseThrow().privateIpAddress();
        flowLog(vpc.id(), FlowLogResourceType.VPC, FlowLogTrafficType.ALL, "${interface-id} ${srcport} ${packets} ${action} ${tcp-flags} ${flow-direction}");
        PrivateLinkFlow dropped = privateLink(endpoint.id(), endpointEni, endpointAddress, 50600);
        PrivateLinkFlow reset = privateLink(endpoint.id(), endpointEni, endpointAddress, 50601);

        feed(sampler.privateLinkRefused(world.world(), new PrivateLinkConnectionRefusedEvent(dropped, at(2), "ENI_SG_RULES_MISMATCH", false)));
        feed(sampler.privateLinkRefused(world.world(), new PrivateLinkConnectionRefusedEvent(reset, at(3), "TARGET_CONNECTION_REFUSED", true)));

        assertEquals(Stream.of(eni.id() + " 50600 1 ACCEPT 2 egress", endpointEni + " 50600 1 REJECT 2 ingress",
                eni.id() + " 50601 1 ACCEPT 2 egress", endpointEni + " 50601 1 ACCEPT 2 ingress",
                eni.id() + " 443 1 ACCEPT 4 ingress", endpointEni + " 443 1 ACCEPT 4 egress").sorted().toList(),
                sorted(collector.flush(world.world(), WINDOW + 60).get(0)));
    }

    private PrivateLinkFlow privateLink(String endpointId, String endpointEni, String endpointAddress, int sourcePort) {
        return new PrivateLinkFlow(world.scope.account(), world.scope.region(), "w-1", vpc.id(), subnet.id(), eni.id(), eni.privateIpAddress(),
                sourcePort, endpointId, endpointEni, endpointAddress, subnet.availabilityZoneId(), STS, "vpce-svc-0123456789abcdef0", "111122223333",
                443, Optional.empty(), Optional.empty(), java.util.OptionalInt.empty());
    }

    private FlowLog flowLog(String resourceId, FlowLogResourceType type, FlowLogTrafficType traffic, String format) {
        return world.write(tx -> new FlowLogCommands().create(tx, new CreateFlowLogs(type, List.of(resourceId), traffic, null, null, "flows",
                "arn:aws:iam::111122223333:role/flow-logs", null, format, 60, null))).flowLogs().get(0);
    }

    private static GatewayRequestEvent request(PathResult path, int clientPort, long bytesIn, long bytesOut, Instant at) {
        return new GatewayRequestEvent("w-1", "127.0.0.1", clientPort, "POST", Optional.empty(), Optional.of(path.verdict()), path.via(), Optional.empty(),
                GatewayRequestEvent.Outcome.FORWARDED, 200, bytesIn, bytesOut, at, 1_000_000L, path.destination());
    }

    private void feed(List<FlowSample> samples) {
        samples.forEach(sample -> collector.add(world.world(), sample));
    }

    private static Instant at(long second) {
        return Instant.ofEpochSecond(WINDOW + second);
    }

    private static List<String> sorted(FlowLogLines lines) {
        assertTrue(lines.lines().stream().allMatch(line -> line.startSeconds() >= WINDOW));
        return lines.lines().stream().map(FlowLogLines.Line::text).sorted().toList();
    }
}
