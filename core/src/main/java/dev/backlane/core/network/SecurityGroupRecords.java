package dev.backlane.core.network;

import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.SecurityGroup;
import dev.backlane.core.model.SecurityGroupRule;
import dev.backlane.core.model.SecurityGroupRuleLocator;
import dev.backlane.core.world.Transaction;
import java.util.HashSet;
import java.util.Set;

/**
 * Writes security groups together with the locators of their rules, so that a rule ID is found
 * wherever the group keeps it. Every write of a group goes through here.
 */
public final class SecurityGroupRecords {
    private SecurityGroupRecords() {}

    public static SecurityGroup save(Transaction transaction, SecurityGroup group) {
        // A rule keeps its ID for as long as its group keeps it, so the locators to write are those of the
        // rules the group did not have before, and the ones to remove those of the rules it no longer has.
        Set<String> had = new HashSet<>();
        transaction.find(ResourceTypes.SECURITY_GROUP, group.id()).ifPresent(previous -> previous.rules().forEach(rule -> had.add(rule.id())));
        for (SecurityGroupRule rule : group.rules()) {
            if (!had.remove(rule.id())) {
                transaction.put(ResourceTypes.SECURITY_GROUP_RULE, new SecurityGroupRuleLocator(rule.id(), group.id(), group.vpcId()));
            }
        }
        had.forEach(dropped -> transaction.remove(ResourceTypes.SECURITY_GROUP_RULE, dropped));
        return transaction.put(ResourceTypes.SECURITY_GROUP, group);
    }

    /** Removes the group, its rules' locators and all their tags. */
    public static void remove(Transaction transaction, SecurityGroup group) {
        group.rules().forEach(rule -> transaction.remove(ResourceTypes.SECURITY_GROUP_RULE, rule.id()));
        transaction.remove(ResourceTypes.SECURITY_GROUP, group.id());
    }
}
