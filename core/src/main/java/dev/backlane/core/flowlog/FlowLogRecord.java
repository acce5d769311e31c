package dev.backlane.core.flowlog;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * One flow log record: the values of every field AWS defines ({@link FlowLogField}), as the text AWS
 * writes for each; a field with no value does not apply to this record and is written {@code -}. The
 * {@code version} field is the format's, not the record's ({@link FlowLogFormat#format}). Built with
 * {@link #builder()}, whose setters take each field in its natural type.
 */
public final class FlowLogRecord {
    /** What AWS writes for a field that does not apply to a record or could not be computed. */
    public static final String NOT_APPLICABLE = "-";

    private final Map<FlowLogField, String> values;

    private FlowLogRecord(Map<FlowLogField, String> values) {
        this.values = Collections.unmodifiableMap(new EnumMap<>(values));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The field's text, or {@code -} when it does not apply. */
    public String value(FlowLogField field) {
        return values.getOrDefault(field, NOT_APPLICABLE);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FlowLogRecord record && record.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "FlowLogRecord" + values;
    }

    /** Sets fields one at a time; a null argument leaves the field not applicable. */
    public static final class Builder {
        private final Map<FlowLogField, String> values = new EnumMap<>(FlowLogField.class);

        public Builder set(FlowLogField field, Object value) {
            if (value == null) {
                values.remove(field);
            } else {
                values.put(field, value.toString());
            }
            return this;
        }

        public Builder accountId(String accountId) {
            return set(FlowLogField.ACCOUNT_ID, accountId);
        }

        public Builder interfaceId(String interfaceId) {
            return set(FlowLogField.INTERFACE_ID, interfaceId);
        }

        public Builder source(String address, Integer port) {
            return set(FlowLogField.SRCADDR, address).set(FlowLogField.SRCPORT, port);
        }

        public Builder destination(String address, Integer port) {
            return set(FlowLogField.DSTADDR, address).set(FlowLogField.DSTPORT, port);
        }

        /** The IANA protocol number: 6 for TCP, 17 for UDP, 1 for ICMP. */
        public Builder protocol(int protocol) {
            return set(FlowLogField.PROTOCOL, protocol);
        }

        public Builder packets(long packets) {
            return set(FlowLogField.PACKETS, packets);
        }

        public Builder bytes(long bytes) {
            return set(FlowLogField.BYTES, bytes);
        }

        /** The first and last packet of the window, in Unix seconds. */
        public Builder window(long startSeconds, long endSeconds) {
            return set(FlowLogField.START, startSeconds).set(FlowLogField.END, endSeconds);
        }

        public Builder action(FlowAction action) {
            return set(FlowLogField.ACTION, action);
        }

        public Builder logStatus(LogStatus status) {
            return set(FlowLogField.LOG_STATUS, status);
        }

        public Builder vpcId(String vpcId) {
            return set(FlowLogField.VPC_ID, vpcId);
        }

        public Builder subnetId(String subnetId) {
            return set(FlowLogField.SUBNET_ID, subnetId);
        }

        public Builder instanceId(String instanceId) {
            return set(FlowLogField.INSTANCE_ID, instanceId);
        }

        /** The OR of the TCP flags seen in the window ({@link TcpFlags}). */
        public Builder tcpFlags(int flags) {
            return set(FlowLogField.TCP_FLAGS, flags);
        }

        /** {@code IPv4}, {@code IPv6} or {@code EFA}. */
        public Builder type(String type) {
            return set(FlowLogField.TYPE, type);
        }

        public Builder packetAddresses(String source, String destination) {
            return set(FlowLogField.PKT_SRCADDR, source).set(FlowLogField.PKT_DSTADDR, destination);
        }

        public Builder region(String region) {
            return set(FlowLogField.REGION, region);
        }

        public Builder azId(String azId) {
            return set(FlowLogField.AZ_ID, azId);
        }

        /** AWS service names of the packet addresses ({@code S3}, {@code DYNAMODB}, ...) from AWS's IP ranges. */
        public Builder packetAwsServices(String source, String destination) {
            return set(FlowLogField.PKT_SRC_AWS_SERVICE, source).set(FlowLogField.PKT_DST_AWS_SERVICE, destination);
        }

        /** {@code ingress} or {@code egress}, relative to the interface. */
        public Builder flowDirection(String direction) {
            return set(FlowLogField.FLOW_DIRECTION, direction);
        }

        /** AWS's traffic-path code of egress traffic (1 through another resource in the VPC ... 8 through a VPC peering connection). */
        public Builder trafficPath(Integer path) {
            return set(FlowLogField.TRAFFIC_PATH, path);
        }

        public Builder rejectReason(String reason) {
            return set(FlowLogField.REJECT_REASON, reason);
        }

        public FlowLogRecord build() {
            return new FlowLogRecord(values);
        }
    }
}
