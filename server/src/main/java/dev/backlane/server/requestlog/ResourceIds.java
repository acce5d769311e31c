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

    /** The IDs in a write's output: its top-level members and those of the structures directly in it. */
    public static List<String> inOutput(Map<String, Object> output) {
        Set<String> ids = new LinkedHashSet<>();
        collect(output, ids, true);
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

    private static void collect(Map<?, ?> structure, Set<String> ids, boolean descend) {
        for (Map.Entry<?, ?> member : structure.entrySet()) {
            if (ids.size() == LIMIT) {
                return;
            }
            Object value = member.getValue();
            if (value instanceof String text && namesResource(member.getKey().toString()) && isResourceId(text)) {
                ids.add(text);
            } else if (descend && value instanceof Map<?, ?> nested) {
                collect(nested, ids, false);
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
