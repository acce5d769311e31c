package dev.backlane.core.network;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.model.SecurityGroup;
import dev.backlane.core.model.SecurityGroupRule;
import dev.backlane.core.model.Vpc;
import dev.backlane.core.network.SecurityGroupPermission.Peer;
import dev.backlane.core.network.SecurityGroupProtocols.ProtocolAndPorts;
import dev.backlane.core.world.Transaction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Security groups with EC2's rules: names unique per VPC, {@code default} reserved and undeletable, a
 * new group allowing all IPv4 egress, rules authorised and revoked one peer at a time, each rule with
 * its own {@code sgr-} ID, and a group in use (referenced by another group's rule or by a network
 * interface) kept from deletion.
 */
public final class SecurityGroupCommands {
    private static final int MAX_TEXT_LENGTH = 255;
    private static final String GROUP_TEXT_CHARACTERS = "._-:/()#,@[]+=&;{}!$* ";

    private final Quotas quotas;
    private final PrefixListLookup prefixLists;

    public SecurityGroupCommands(Quotas quotas, PrefixListLookup prefixLists) {
        this.quotas = requireNonNull(quotas, "quotas is null");
        this.prefixLists = requireNonNull(prefixLists, "prefixLists is null");
    }

    /** The parameters of CreateSecurityGroup; {@code vpcId} null means the default VPC. */
    public record CreateGroup(String name, String description, String vpcId) {}

    public SecurityGroup create(Transaction transaction, CreateGroup request) {
        checkGroupText(request.name(), "GroupName");
        checkGroupText(request.description(), "GroupDescription");
        if (request.name().equals("default")) {
            throw AwsException.of(ErrorCode.INVALID_GROUP_RESERVED, "The security group 'default' is reserved");
        }
        if (request.name().startsWith("sg-")) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Group names may not be in the format sg-*.");
        }
        Vpc vpc = request.vpcId() == null ? defaultVpc(transaction) : transaction.get(ResourceTypes.VPC, request.vpcId());
        for (SecurityGroup existing : transaction.named(ResourceTypes.SECURITY_GROUP, request.name())) {
            if (existing.vpcId().equals(vpc.id())) {
                throw AwsException.of(ErrorCode.INVALID_GROUP_DUPLICATE, "The security group '%s' already exists for VPC '%s'", request.name(), vpc.id());
            }
        }
        quotas.check("security-groups-per-region", transaction.all(ResourceTypes.SECURITY_GROUP).size(), ErrorCode.SECURITY_GROUP_LIMIT_EXCEEDED,
                "The maximum number of security groups has been reached.");
        String id = transaction.newId(ResourceTypes.SECURITY_GROUP);
        SecurityGroupRule egress = new SecurityGroupRule(transaction.ids().next("sgr"), true, SecurityGroupProtocols.ALL, -1, -1, "0.0.0.0/0",
                null, null, null, null, null);
        return SecurityGroupRecords.save(transaction, new SecurityGroup(id, request.name(), request.description(), vpc.id(), List.of(egress)));
    }

    /** Deletes the group named by ID, or by name in the default VPC; returns its ID. */
    public String delete(Transaction transaction, String groupId, String groupName) {
        SecurityGroup group = resolve(transaction, groupId, groupName);
        if (group.isDefault()) {
            throw AwsException.of(ErrorCode.CANNOT_DELETE, "the specified group: \"%s\" name: \"default\" cannot be deleted by a user", group.id());
        }
        for (SecurityGroup other : transaction.all(ResourceTypes.SECURITY_GROUP)) {
            if (!other.id().equals(group.id()) && other.rules().stream().anyMatch(rule -> group.id().equals(rule.referencedGroupId()))) {
                throw dependent(group);
            }
        }
        for (NetworkInterface networkInterface : transaction.all(ResourceTypes.NETWORK_INTERFACE)) {
            if (networkInterface.groupIds().contains(group.id())) {
                throw dependent(group);
            }
        }
        // An interface endpoint holds its groups even while it has no subnets, and so no interfaces.
        if (transaction.all(ResourceTypes.VPC_ENDPOINT).stream()
                .anyMatch(endpoint -> !endpoint.isBeingDeleted() && endpoint.groupIds().contains(group.id()))) {
            throw dependent(group);
        }
        SecurityGroupRecords.remove(transaction, group);
        return group.id();
    }

    /** The group named by {@code groupId}, else by {@code groupName} in the default VPC. */
    public SecurityGroup resolve(Transaction transaction, String groupId, String groupName) {
        if (groupId != null && !groupId.isEmpty()) {
            return transaction.get(ResourceTypes.SECURITY_GROUP, groupId);
        }
        if (groupName == null || groupName.isEmpty()) {
            throw AwsException.of(ErrorCode.MISSING_PARAMETER, "The request must contain the parameter groupName or groupId");
        }
        return findByNameInDefaultVpc(transaction, groupName);
    }

    /** Adds the rules of the permissions; returns the new rules in request order. */
    public List<SecurityGroupRule> authorize(Transaction transaction, String groupId, boolean egress, List<SecurityGroupPermission> permissions) {
        SecurityGroup group = transaction.get(ResourceTypes.SECURITY_GROUP, groupId);
        if (permissions.isEmpty()) {
            throw AwsException.of(ErrorCode.MISSING_PARAMETER, "The request must contain the parameter ipPermissions");
        }
        List<SecurityGroupRule> added = new ArrayList<>();
        for (SecurityGroupPermission permission : permissions) {
            for (SecurityGroupRule rule : rulesOf(transaction, group, egress, permission)) {
                for (SecurityGroupRule earlier : added) {
                    if (earlier.sameGrantAs(rule)) {
                        throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "The same permission must not appear multiple times");
                    }
                }
                for (SecurityGroupRule existing : group.rules()) {
                    if (existing.sameGrantAs(rule)) {
                        throw AwsException.of(ErrorCode.INVALID_PERMISSION_DUPLICATE, "the specified rule \"%s\" already exists", describe(rule));
                    }
                }
                added.add(rule.withId(transaction.ids().next("sgr")));
            }
        }
        if (added.isEmpty()) {
            throw AwsException.of(ErrorCode.MISSING_PARAMETER, "The request must contain the parameter ipPermissions");
        }
        long inDirection = group.rules().stream().filter(rule -> rule.egress() == egress).count();
        if (inDirection + added.size() > quotas.get("rules-per-security-group")) {
            throw AwsException.of(ErrorCode.RULES_PER_SECURITY_GROUP_LIMIT_EXCEEDED, "The maximum number of rules per security group has been reached.");
        }
        List<SecurityGroupRule> rules = new ArrayList<>(group.rules());
        rules.addAll(added);
        SecurityGroupRecords.save(transaction, group.withRules(rules));
        return added;
    }

    /** What a revoke removed, and the requested permissions that matched no rule. */
    public record Revoked(List<SecurityGroupRule> rules, List<SecurityGroupPermission> unknown) {}

    /**
     * Revokes rules given by permissions or by rule IDs. Permissions matching no rule are returned as
     * unknown; when nothing at all matches, EC2 answers InvalidPermission.NotFound.
     */
    public Revoked revoke(Transaction transaction, String groupId, boolean egress, List<SecurityGroupPermission> permissions, List<String> ruleIds) {
        SecurityGroup group = transaction.get(ResourceTypes.SECURITY_GROUP, groupId);
        if (permissions.isEmpty() && ruleIds.isEmpty()) {
            throw AwsException.of(ErrorCode.MISSING_PARAMETER, "The request must contain the parameter ipPermissions or securityGroupRuleIds");
        }
        if (!permissions.isEmpty() && !ruleIds.isEmpty()) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_COMBINATION,
                    "The parameter securityGroupRuleIds cannot be used with the parameter ipPermissions");
        }
        List<SecurityGroupRule> revoked = new ArrayList<>();
        List<SecurityGroupPermission> unknown = new ArrayList<>();
        for (String ruleId : ruleIds) {
            ResourceTypes.SECURITY_GROUP_RULE.requireWellFormed(ruleId);
            SecurityGroupRule rule = group.rules().stream().filter(candidate -> candidate.id().equals(ruleId) && candidate.egress() == egress)
                    .findFirst().orElseThrow(() -> ResourceTypes.SECURITY_GROUP_RULE.notFound(ruleId));
            revoked.add(rule);
        }
        for (SecurityGroupPermission permission : permissions) {
            List<Peer> missing = new ArrayList<>();
            for (Peer peer : permission.peers()) {
                SecurityGroupPermission single = new SecurityGroupPermission(permission.ipProtocol(), permission.fromPort(), permission.toPort(), List.of(peer));
                SecurityGroupRule wanted = rulesOf(transaction, group, egress, single).get(0);
                group.rules().stream().filter(existing -> existing.sameGrantAs(wanted)).findFirst()
                        .ifPresentOrElse(revoked::add, () -> missing.add(peer));
            }
            if (!missing.isEmpty() || permission.peers().isEmpty()) {
                unknown.add(new SecurityGroupPermission(permission.ipProtocol(), permission.fromPort(), permission.toPort(), missing));
            }
        }
        if (revoked.isEmpty()) {
            throw AwsException.of(ErrorCode.INVALID_PERMISSION_NOT_FOUND, "The specified rule does not exist in this security group.");
        }
        List<SecurityGroupRule> rules = new ArrayList<>(group.rules());
        rules.removeIf(rule -> revoked.stream().anyMatch(gone -> gone.id().equals(rule.id())));
        SecurityGroupRecords.save(transaction, group.withRules(rules));
        return new Revoked(revoked, unknown);
    }

    /** A rule's new content for ModifySecurityGroupRules; exactly one peer is given. */
    public record RuleUpdate(String ruleId, String ipProtocol, Integer fromPort, Integer toPort, String cidrIpv4, String cidrIpv6,
            String prefixListId, String referencedGroupId, String description) {}

    public void modifyRules(Transaction transaction, String groupId, List<RuleUpdate> updates) {
        SecurityGroup group = transaction.get(ResourceTypes.SECURITY_GROUP, groupId);
        Map<String, SecurityGroupRule> rules = new LinkedHashMap<>();
        group.rules().forEach(rule -> rules.put(rule.id(), rule));
        for (RuleUpdate update : updates) {
            ResourceTypes.SECURITY_GROUP_RULE.requireWellFormed(update.ruleId());
            SecurityGroupRule current = rules.get(update.ruleId());
            if (current == null) {
                throw ResourceTypes.SECURITY_GROUP_RULE.notFound(update.ruleId());
            }
            List<Peer> peers = new ArrayList<>();
            addPeer(peers, SecurityGroupPermission.PeerKind.CIDR_IPV4, update.cidrIpv4(), update.description());
            addPeer(peers, SecurityGroupPermission.PeerKind.CIDR_IPV6, update.cidrIpv6(), update.description());
            addPeer(peers, SecurityGroupPermission.PeerKind.PREFIX_LIST, update.prefixListId(), update.description());
            addPeer(peers, SecurityGroupPermission.PeerKind.GROUP_ID, update.referencedGroupId(), update.description());
            if (peers.size() != 1) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER_COMBINATION,
                        "Exactly one of cidrIpv4, cidrIpv6, prefixListId and referencedGroupId must be specified for rule %s", update.ruleId());
            }
            SecurityGroupPermission permission = new SecurityGroupPermission(update.ipProtocol(), update.fromPort(), update.toPort(), peers);
            SecurityGroupRule replacement = rulesOf(transaction, group, current.egress(), permission).get(0).withId(current.id());
            for (SecurityGroupRule other : rules.values()) {
                if (!other.id().equals(current.id()) && other.sameGrantAs(replacement)) {
                    throw AwsException.of(ErrorCode.INVALID_PERMISSION_DUPLICATE, "the specified rule \"%s\" already exists", describe(replacement));
                }
            }
            rules.put(current.id(), replacement);
        }
        SecurityGroupRecords.save(transaction, group.withRules(new ArrayList<>(rules.values())));
    }

    /** Sets descriptions of existing rules, found by permission (the description comes with each peer) or by rule ID. */
    public void updateDescriptions(Transaction transaction, String groupId, boolean egress, List<SecurityGroupPermission> permissions,
            Map<String, String> byRuleId) {
        SecurityGroup group = transaction.get(ResourceTypes.SECURITY_GROUP, groupId);
        if (permissions.isEmpty() && byRuleId.isEmpty()) {
            throw AwsException.of(ErrorCode.MISSING_PARAMETER, "The request must contain the parameter ipPermissions or securityGroupRuleDescriptions");
        }
        Map<String, SecurityGroupRule> rules = new LinkedHashMap<>();
        group.rules().forEach(rule -> rules.put(rule.id(), rule));
        for (Map.Entry<String, String> entry : byRuleId.entrySet()) {
            SecurityGroupRule rule = rules.get(entry.getKey());
            if (rule == null || rule.egress() != egress) {
                throw ResourceTypes.SECURITY_GROUP_RULE.notFound(entry.getKey());
            }
            checkRuleDescription(entry.getValue());
            rules.put(rule.id(), rule.withDescription(entry.getValue()));
        }
        for (SecurityGroupPermission permission : permissions) {
            for (SecurityGroupRule wanted : rulesOf(transaction, group, egress, permission)) {
                SecurityGroupRule existing = rules.values().stream().filter(rule -> rule.sameGrantAs(wanted)).findFirst()
                        .orElseThrow(() -> AwsException.of(ErrorCode.INVALID_PERMISSION_NOT_FOUND,
                                "The specified rule does not exist in this security group."));
                rules.put(existing.id(), existing.withDescription(wanted.description()));
            }
        }
        SecurityGroupRecords.save(transaction, group.withRules(new ArrayList<>(rules.values())));
    }

    /** The rules a permission grants in the group, one per peer, each checked; their IDs are placeholders. */
    private List<SecurityGroupRule> rulesOf(Transaction transaction, SecurityGroup group, boolean egress, SecurityGroupPermission permission) {
        ProtocolAndPorts protocol = SecurityGroupProtocols.check(permission.ipProtocol(), permission.fromPort(), permission.toPort());
        List<SecurityGroupRule> rules = new ArrayList<>();
        for (Peer peer : permission.peers()) {
            checkRuleDescription(peer.description());
            String cidrIpv4 = null;
            String cidrIpv6 = null;
            String prefixListId = null;
            String referencedGroupId = null;
            String referencedOwner = null;
            switch (peer.kind()) {
                case CIDR_IPV4 -> cidrIpv4 = dev.backlane.core.net.Ipv4Cidr.parseLenient(peer.value()).orElseThrow(() -> malformedCidr(peer.value())).toString();
                case CIDR_IPV6 -> cidrIpv6 = dev.backlane.core.net.Ipv6Cidr.parseLenient(peer.value()).orElseThrow(() -> malformedCidr(peer.value())).toString();
                case PREFIX_LIST -> {
                    ResourceTypes.PREFIX_LIST.requireWellFormed(peer.value());
                    prefixListId = prefixLists.require(transaction.state(), transaction.region(), peer.value()).id();
                }
                case GROUP_ID -> {
                    Transaction owner = peer.userId() == null || peer.userId().equals(transaction.account())
                            ? transaction : transaction.in(new Scope(peer.userId(), transaction.region()));
                    referencedGroupId = owner.get(ResourceTypes.SECURITY_GROUP, peer.value()).id();
                    referencedOwner = owner.account();
                }
                case GROUP_NAME -> {
                    referencedGroupId = findByNameInDefaultVpc(transaction, peer.value()).id();
                    referencedOwner = transaction.account();
                }
            }
            rules.add(new SecurityGroupRule("sgr-pending", egress, protocol.protocol(), protocol.fromPort(), protocol.toPort(), cidrIpv4, cidrIpv6,
                    prefixListId, referencedGroupId, referencedOwner, peer.description()));
        }
        return rules;
    }

    /** The rule as EC2 quotes it in InvalidPermission.Duplicate: {@code peer: 0.0.0.0/0, TCP, from port: 22, to port: 22, ALLOW}. */
    public static String describe(SecurityGroupRule rule) {
        String peer = rule.peer();
        String protocol = switch (rule.ipProtocol()) {
            case SecurityGroupProtocols.ALL -> "ALL";
            case "tcp", "udp" -> rule.ipProtocol().toUpperCase(java.util.Locale.ROOT) + ", from port: " + rule.fromPort() + ", to port: " + rule.toPort();
            case "icmp", "icmpv6" -> rule.ipProtocol().toUpperCase(java.util.Locale.ROOT) + ", type: " + rule.fromPort() + ", code: " + rule.toPort();
            default -> "protocol: " + rule.ipProtocol();
        };
        return "peer: " + peer + ", " + protocol + ", ALLOW";
    }

    private static void addPeer(List<Peer> peers, SecurityGroupPermission.PeerKind kind, String value, String description) {
        if (value != null && !value.isEmpty()) {
            peers.add(new Peer(kind, value, null, description));
        }
    }

    private static SecurityGroup findByNameInDefaultVpc(Transaction transaction, String name) {
        Vpc vpc = defaultVpc(transaction);
        return transaction.named(ResourceTypes.SECURITY_GROUP, name).stream().filter(group -> group.vpcId().equals(vpc.id())).findFirst()
                .orElseThrow(() -> AwsException.of(ErrorCode.INVALID_GROUP_NOT_FOUND, "The security group '%s' does not exist in default VPC '%s'",
                        name, vpc.id()));
    }

    static Vpc defaultVpc(Transaction transaction) {
        return transaction.all(ResourceTypes.VPC).stream().filter(Vpc::isDefault).findFirst()
                .orElseThrow(() -> AwsException.of(ErrorCode.VPC_ID_NOT_SPECIFIED, "No default VPC for this user"));
    }

    private static AwsException dependent(SecurityGroup group) {
        return AwsException.of(ErrorCode.DEPENDENCY_VIOLATION, "resource %s has a dependent object", group.id());
    }

    private static AwsException malformedCidr(String value) {
        return AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "CIDR block %s is malformed", value);
    }

    private static void checkGroupText(String value, String parameter) {
        if (value == null || value.isEmpty()) {
            throw AwsException.of(ErrorCode.MISSING_PARAMETER, "The request must contain the parameter %s", parameter);
        }
        if (value.length() > MAX_TEXT_LENGTH) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Value (%s) for parameter %s is invalid. Length exceeds maximum of %d.",
                    value, parameter, MAX_TEXT_LENGTH);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 127) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE,
                        "Value (%s) for parameter %s is invalid. Character sets beyond ASCII are not supported.", value, parameter);
            }
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || GROUP_TEXT_CHARACTERS.indexOf(c) >= 0;
            if (!allowed) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE,
                        "Value (%s) for parameter %s is invalid. Valid characters are a-z, A-Z, 0-9, spaces, and ._-:/()#,@[]+=&;{}!$*", value,
                        parameter);
            }
        }
    }

    private static void checkRuleDescription(String description) {
        if (description != null && description.length() > MAX_TEXT_LENGTH) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE,
                    "Invalid rule description. Valid descriptions are strings less than 256 characters from the following set:  "
                            + "a-zA-Z0-9. _-:/()#,@[]+=&;{}!$*");
        }
    }
}
