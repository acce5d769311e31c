package dev.backlane.server.requestlog;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The resource IDs worth a request-log line, found cheaply: the values of request parameters named
 * for an ID or ARN ({@code GroupId}, {@code ResourceId.1}, {@code LoadBalancerArn}), and the IDs a write
 * answered with ({@code GroupId}, {@code Vpc.VpcId}). A value counts only when it looks like an AWS
 * ID ({@code sg-0123abcd...}) or an ARN, so account numbers and names stay out. At most
 * {@value #LIMIT} per call, so a call naming hundreds of resources still makes a short line.
 */
public final class ResourceIds {
    static final int LIMIT = 8;

    private ResourceIds() {}

    /** The IDs named by the parameters of a Query request, in request order. */
    public static List<String> inParameters(Map<String, String> parameters) {
        Set<String> ids = new LinkedHashSet<>();
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            if (ids.size() == LIMIT) {
                break;
            }
            if (namesResource(parameter.getKey()) && isResourceId(parameter.getValue())) {
                ids.add(parameter.getValue());
            }
        }
        return List.copyOf(ids);
    }

    /** The IDs in a write's output: its top-level members, and the own ID of a structure in it ({@code Vpc.VpcId}). */
    public static List<String> inOutput(Map<String, Object> output) {
        Set<String> ids = new LinkedHashSet<>();
        collect(output, ids);
        return List.copyOf(ids);
    }

    /** Both lists, without repeats, at most {@value #LIMIT}. */
    public static List<String> union(List<String> first, List<String> second) {
        if (second.isEmpty()) {
            return first;
        }
        Set<String> ids = new LinkedHashSet<>(first);
        ids.addAll(second);
        List<String> all = new ArrayList<>(ids);
        return List.copyOf(all.subList(0, Math.min(LIMIT, all.size())));
    }

    private static void collect(Map<?, ?> structure, Set<String> ids) {
        for (Map.Entry<?, ?> member : structure.entrySet()) {
            if (ids.size() == LIMIT) {
                return;
            }
            String name = member.getKey().toString();
            Object value = member.getValue();
            // IDs only: an ARN in an answer (SecurityGroupArn) repeats an ID already there.
            if (value instanceof String text && name.endsWith("Id") && isResourceId(text)) {
                ids.add(text);
            } else if (value instanceof Map<?, ?> nested && nested.get(name + "Id") instanceof String own && isResourceId(own)) {
                // The resource a create answers with (Vpc.VpcId), not the others it mentions (Vpc.DhcpOptionsId).
                ids.add(own);
            }
        }
    }

    /** Whether the last named part of a parameter ({@code ResourceId} in {@code ResourceId.1}) names an ID or ARN. */
    static boolean namesResource(String key) {
        int end = key.length();
        while (end > 0) {
            int start = key.lastIndexOf('.', end - 1) + 1;
            String part = key.substring(start, end);
            if (!part.isEmpty() && !part.equals("member") && !Character.isDigit(part.charAt(0))) {
                return part.endsWith("Id") || part.endsWith("Ids") || part.endsWith("Arn") || part.endsWith("Arns");
            }
            end = start - 1;
        }
        return false;
    }

    /** {@code prefix-hex} as AWS IDs are ({@code vpc-0a1b2c3d}, {@code vpce-svc-0123...}), or an ARN. */
    static boolean isResourceId(String value) {
        if (value.startsWith("arn:")) {
            return value.length() < 512;
        }
        int dash = value.lastIndexOf('-');
        int hexLength = value.length() - dash - 1;
        if (dash < 1 || hexLength < 8 || hexLength > 17) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean allowed = i > dash ? (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') : (c >= 'a' && c <= 'z') || (c == '-' && i > 0);
            if (!allowed) {
                return false;
            }
        }
        return true;
    }
}
