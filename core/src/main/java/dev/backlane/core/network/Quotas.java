package dev.backlane.core.network;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The service quotas Backlane enforces, with AWS's default values. They can be raised, as a real
 * account's can, by name: {@code vpcs-per-region=100}.
 */
public final class Quotas {
    private static final Map<String, Integer> DEFAULTS = defaults();

    private final Map<String, Integer> values;

    private Quotas(Map<String, Integer> values) {
        this.values = Map.copyOf(values);
    }

    public static Quotas awsDefaults() {
        return new Quotas(DEFAULTS);
    }

    private static Map<String, Integer> defaults() {
        Map<String, Integer> defaults = new LinkedHashMap<>();
        defaults.put("vpcs-per-region", 5);
        defaults.put("ipv4-cidrs-per-vpc", 5);
        defaults.put("subnets-per-vpc", 200);
        defaults.put("internet-gateways-per-region", 5);
        defaults.put("elastic-ips-per-region", 5);
        defaults.put("nat-gateways-per-az", 5);
        defaults.put("route-tables-per-vpc", 200);
        defaults.put("routes-per-route-table", 50);
        defaults.put("security-groups-per-region", 2500);
        defaults.put("rules-per-security-group", 60);
        defaults.put("network-acls-per-vpc", 200);
        defaults.put("rules-per-network-acl", 20);
        defaults.put("network-interfaces-per-region", 5000);
        defaults.put("customer-managed-prefix-lists-per-region", 100);
        defaults.put("interface-endpoints-per-vpc", 50);
        defaults.put("gateway-endpoints-per-region", 20);
        defaults.put("load-balancers-per-region", 50);
        defaults.put("target-groups-per-region", 3000);
        defaults.put("listeners-per-load-balancer", 50);
        defaults.put("targets-per-target-group", 1000);
        return Map.copyOf(defaults);
    }

    /** These quotas with one changed; an unknown name is refused. */
    public Quotas with(String name, int value) {
        if (!DEFAULTS.containsKey(name)) {
            throw new IllegalArgumentException("unknown quota '" + name + "'; known: " + String.join(", ", new java.util.TreeSet<>(DEFAULTS.keySet())));
        }
        if (value < 0) {
            throw new IllegalArgumentException("quota " + name + " must not be negative");
        }
        Map<String, Integer> changed = new LinkedHashMap<>(values);
        changed.put(name, value);
        return new Quotas(changed);
    }

    public int get(String name) {
        Integer value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("unknown quota " + name);
        }
        return value;
    }

    /** Throws the error AWS gives when {@code current} resources already fill the quota. */
    public void check(String name, long current, ErrorCode code, String message) {
        if (current >= get(name)) {
            throw new AwsException(code, message);
        }
    }
}
