package dev.backlane.core.model;

/** The states a load balancer passes through; AWS writes them in lower case. */
public enum LoadBalancerState {
    PROVISIONING("provisioning"),
    ACTIVE("active");

    private final String wireName;

    LoadBalancerState(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
