package dev.backlane.core.endpointservice;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.AllowedPrincipal;
import dev.backlane.core.model.EndpointServiceConfiguration;
import dev.backlane.core.model.PrincipalType;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.world.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ModifyVpcEndpointServicePermissions: the principals allowed to see and connect to a service. A
 * principal is {@code *}, an account root ({@code arn:aws:iam::123456789012:root}) or an IAM role or user
 * ARN; a principal already allowed is not added twice, and removing one that is not allowed changes nothing.
 */
public final class ServicePermissions {
    private static final Pattern IAM_ARN = Pattern.compile("arn:aws:iam::(\\d{12}):(root|role/[\\w+=,.@/-]+|user/[\\w+=,.@/-]+)");
    private static final String PERMISSION_PREFIX = "vpce-svc-perm";

    /** The principals added by this call, with their new permission IDs. */
    public List<AllowedPrincipal> modify(Transaction transaction, String serviceId, List<String> add, List<String> remove) {
        EndpointServiceConfiguration service = transaction.get(ResourceTypes.VPC_ENDPOINT_SERVICE, serviceId);
        List<ParsedPrincipal> toAdd = add.stream().distinct().map(ServicePermissions::parse).toList();
        List<ParsedPrincipal> toRemove = remove.stream().distinct().map(ServicePermissions::parse).toList();
        List<AllowedPrincipal> principals = new ArrayList<>(service.allowedPrincipals());
        for (ParsedPrincipal removed : toRemove) {
            principals.removeIf(principal -> principal.principal().equals(removed.principal()));
        }
        List<AllowedPrincipal> added = new ArrayList<>();
        for (ParsedPrincipal parsed : toAdd) {
            if (principals.stream().anyMatch(principal -> principal.principal().equals(parsed.principal()))) {
                continue;
            }
            AllowedPrincipal principal = new AllowedPrincipal(parsed.principal(), parsed.type(), parsed.account(),
                    transaction.ids().next(PERMISSION_PREFIX));
            principals.add(principal);
            added.add(principal);
        }
        transaction.put(ResourceTypes.VPC_ENDPOINT_SERVICE, service.withAllowedPrincipals(principals));
        return added;
    }

    private record ParsedPrincipal(String principal, PrincipalType type, String account) {}

    private static ParsedPrincipal parse(String principal) {
        if (principal.equals("*")) {
            return new ParsedPrincipal(principal, PrincipalType.ALL, null);
        }
        Matcher matcher = IAM_ARN.matcher(principal);
        if (!matcher.matches()) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER,
                    "Invalid principal %s: a principal is '*' or the ARN of an account root, IAM role or IAM user.", principal);
        }
        String resource = matcher.group(2);
        PrincipalType type = resource.equals("root") ? PrincipalType.ACCOUNT : resource.startsWith("role/") ? PrincipalType.ROLE : PrincipalType.USER;
        return new ParsedPrincipal(principal, type, matcher.group(1));
    }
}
