package dev.backlane.core.event;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backlane.core.analysis.DnsAnswer;
import dev.backlane.core.analysis.DnsRecord;
import dev.backlane.core.analysis.DnsRecordTypes;
import dev.backlane.core.model.Scope;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A question a VPC's resolver answered, with the fields of a Route 53 Resolver query-log record (version
 * 1.100000): account, region, VPC, when, the name (with its trailing dot), type, class, response code, the
 * answers, the client's address and port, the transport and what the client is ({@code instance}, or nothing
 * for a client on the host). {@link #toJson} writes the record as Route 53 Resolver does.
 */
public record DnsQueryEvent(String accountId, String region, String vpcId, Instant queryTimestamp, String queryName, String queryType,
        String queryClass, String rcode, List<Answer> answers, String srcaddr, int srcport, String transport, Map<String, String> srcids)
        implements Event {
    public static final String VERSION = "1.100000";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One record of the answer as the log shows it: {@code {"Rdata":"10.0.1.5","Type":"A","Class":"IN"}}, and its TTL in
     * seconds, which the query log leaves out but the console's DNS timeline shows (how long clients may cache it).
     */
    public record Answer(String rdata, String type, String recordClass, int ttl) {
        public Answer {
            requireNonNull(rdata, "rdata is null");
            requireNonNull(type, "type is null");
            requireNonNull(recordClass, "recordClass is null");
            if (ttl < 0) {
                throw new IllegalArgumentException("ttl is at least 0, not " + ttl);
            }
        }
    }

    public DnsQueryEvent {
        requireNonNull(accountId, "accountId is null");
        requireNonNull(region, "region is null");
        requireNonNull(vpcId, "vpcId is null");
        requireNonNull(queryTimestamp, "queryTimestamp is null");
        requireNonNull(queryName, "queryName is null");
        requireNonNull(queryType, "queryType is null");
        requireNonNull(queryClass, "queryClass is null");
        requireNonNull(rcode, "rcode is null");
        answers = List.copyOf(requireNonNull(answers, "answers is null"));
        requireNonNull(srcaddr, "srcaddr is null");
        requireNonNull(transport, "transport is null");
        srcids = Map.copyOf(requireNonNull(srcids, "srcids is null"));
    }

    /** The event for an answer given in the VPC of the scope to a question of the type (a number, RFC 1035) about the name. */
    public static DnsQueryEvent of(Scope scope, String vpcId, Instant at, String queryName, int type, DnsAnswer answer, String srcaddr, int srcport,
            String transport, Map<String, String> srcids) {
        String name = queryName.endsWith(".") ? queryName : queryName + ".";
        List<Answer> answers = answer.records().stream().map(DnsQueryEvent::answerOf).toList();
        return new DnsQueryEvent(scope.account(), scope.region(), vpcId, at, name, DnsRecordTypes.name(type), "IN", answer.rcode().name(), answers, srcaddr,
                srcport, transport, srcids);
    }

    /** The Route 53 Resolver query-log record, one line of JSON. */
    public String toJson() {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("version", VERSION);
        record.put("account_id", accountId);
        record.put("region", region);
        record.put("vpc_id", vpcId);
        record.put("query_timestamp", queryTimestamp.truncatedTo(ChronoUnit.SECONDS).toString());
        record.put("query_name", queryName);
        record.put("query_type", queryType);
        record.put("query_class", queryClass);
        record.put("rcode", rcode);
        record.put("answers", answers.stream().map(answer -> {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("Rdata", answer.rdata());
            fields.put("Type", answer.type());
            fields.put("Class", answer.recordClass());
            return fields;
        }).toList());
        record.put("srcaddr", srcaddr);
        record.put("srcport", Integer.toString(srcport));
        record.put("transport", transport);
        record.put("srcids", new java.util.TreeMap<>(srcids));
        try {
            return JSON.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Answer answerOf(DnsRecord record) {
        return new Answer(record.rdata(), record.typeName(), "IN", record.ttl());
    }
}
