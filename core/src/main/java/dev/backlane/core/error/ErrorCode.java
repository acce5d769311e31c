package dev.backlane.core.error;

/**
 * The catalogue of AWS error codes Backlane returns, each with AWS's HTTP status. Every failure a
 * caller can cause is one of these; nothing else reaches the wire.
 */
public enum ErrorCode {
    // Protocol
    MISSING_ACTION("MissingAction", 400),
    INVALID_ACTION("InvalidAction", 400),
    UNSUPPORTED_OPERATION("UnsupportedOperation", 400),
    UNSUPPORTED("Unsupported", 400),
    /** A request signed for a service Backlane does not emulate; 501 so that no SDK retries it. */
    UNSUPPORTED_SERVICE("UnsupportedService", 501),
    MISSING_PARAMETER("MissingParameter", 400),
    MISSING_INPUT("MissingInput", 400),
    UNKNOWN_PARAMETER("UnknownParameter", 400),
    INVALID_PARAMETER_VALUE("InvalidParameterValue", 400),
    INVALID_PARAMETER_COMBINATION("InvalidParameterCombination", 400),
    INVALID_PARAMETER("InvalidParameter", 400),
    INVALID_REQUEST("InvalidRequest", 400),
    /** A request larger than its operation takes (CloudWatch's PutMetricData: 1 MB). */
    REQUEST_ENTITY_TOO_LARGE("RequestEntityTooLarge", 413),
    VALIDATION_ERROR("ValidationError", 400),
    MALFORMED_QUERY_STRING("MalformedQueryString", 400),
    INVALID_PAGINATION_TOKEN("InvalidPaginationToken", 400),
    INVALID_NEXT_TOKEN("InvalidNextToken", 400),
    INVALID_FILTER("InvalidFilter", 400),
    DRY_RUN_OPERATION("DryRunOperation", 412),
    IDEMPOTENT_PARAMETER_MISMATCH("IdempotentParameterMismatch", 400),
    DEPENDENCY_VIOLATION("DependencyViolation", 400),
    INCORRECT_STATE("IncorrectState", 400),
    RESOURCE_LIMIT_EXCEEDED("ResourceLimitExceeded", 400),
    SERVICE_UNAVAILABLE("ServiceUnavailable", 503),
    INTERNAL_ERROR("InternalError", 500),
    /** The common errors' 500 of the Query and JSON services (S3 and EC2 say InternalError). */
    INTERNAL_FAILURE("InternalFailure", 500),

    // Signatures, as a request's first reader (the workload gateway) finds them
    /** A SigV4 Authorization header lacking Credential, SignedHeaders or Signature, outside S3. */
    INCOMPLETE_SIGNATURE("IncompleteSignature", 400),
    /** S3's word for a malformed Authorization header or credential scope. */
    AUTHORIZATION_HEADER_MALFORMED("AuthorizationHeaderMalformed", 400),
    /** S3's word for a presigned URL whose X-Amz-Credential is malformed. */
    AUTHORIZATION_QUERY_PARAMETERS_ERROR("AuthorizationQueryParametersError", 400),
    /** A credential scoped to a region that does not exist. */
    SIGNATURE_DOES_NOT_MATCH("SignatureDoesNotMatch", 403),
    /** An unsigned request whose host names no AWS service. */
    MISSING_AUTHENTICATION_TOKEN("MissingAuthenticationToken", 403),
    // Expired temporary credentials, as each service words it (data/expired-token.json)
    /** The Query services' word for expired temporary credentials (STS, IAM, ELBv2, CloudWatch). */
    EXPIRED_TOKEN("ExpiredToken", 403),
    /** S3's word for expired temporary credentials. */
    EXPIRED_TOKEN_S3("ExpiredToken", 400),
    /** The JSON, REST-JSON and CBOR services' word for expired temporary credentials. */
    EXPIRED_TOKEN_EXCEPTION("ExpiredTokenException", 403),
    /** EC2's word for a request signed with expired temporary credentials (or too long after its date). */
    REQUEST_EXPIRED("RequestExpired", 400),

    // IDs of each resource kind
    INVALID_ID("InvalidID", 400),
    INVALID_VPC_ID_NOT_FOUND("InvalidVpcID.NotFound", 400),
    INVALID_VPC_ID_MALFORMED("InvalidVpcID.Malformed", 400),
    INVALID_SUBNET_ID_NOT_FOUND("InvalidSubnetID.NotFound", 400),
    INVALID_SUBNET_ID_MALFORMED("InvalidSubnetID.Malformed", 400),
    INVALID_ROUTE_TABLE_ID_NOT_FOUND("InvalidRouteTableID.NotFound", 400),
    INVALID_ROUTE_TABLE_ID_MALFORMED("InvalidRouteTableID.Malformed", 400),
    INVALID_ASSOCIATION_ID_NOT_FOUND("InvalidAssociationID.NotFound", 400),
    INVALID_INTERNET_GATEWAY_ID_NOT_FOUND("InvalidInternetGatewayID.NotFound", 400),
    INVALID_INTERNET_GATEWAY_ID_MALFORMED("InvalidInternetGatewayID.Malformed", 400),
    INVALID_ALLOCATION_ID_NOT_FOUND("InvalidAllocationID.NotFound", 400),
    INVALID_ALLOCATION_ID_MALFORMED("InvalidAllocationID.Malformed", 400),
    NAT_GATEWAY_NOT_FOUND("NatGatewayNotFound", 400),
    NAT_GATEWAY_MALFORMED("NatGatewayMalformed", 400),
    INVALID_GROUP_NOT_FOUND("InvalidGroup.NotFound", 400),
    INVALID_GROUP_ID_MALFORMED("InvalidGroupId.Malformed", 400),
    INVALID_SECURITY_GROUP_RULE_ID_NOT_FOUND("InvalidSecurityGroupRuleId.NotFound", 400),
    INVALID_SECURITY_GROUP_RULE_ID_MALFORMED("InvalidSecurityGroupRuleId.Malformed", 400),
    INVALID_NETWORK_ACL_ID_NOT_FOUND("InvalidNetworkAclID.NotFound", 400),
    INVALID_NETWORK_ACL_ID_MALFORMED("InvalidNetworkAclID.Malformed", 400),
    INVALID_PREFIX_LIST_ID_NOT_FOUND("InvalidPrefixListID.NotFound", 400),
    INVALID_PREFIX_LIST_ID_MALFORMED("InvalidPrefixListID.Malformed", 400),
    INVALID_NETWORK_INTERFACE_ID_NOT_FOUND("InvalidNetworkInterfaceID.NotFound", 400),
    INVALID_NETWORK_INTERFACE_ID_MALFORMED("InvalidNetworkInterfaceID.Malformed", 400),
    INVALID_ATTACHMENT_ID_NOT_FOUND("InvalidAttachmentID.NotFound", 400),
    INVALID_VPC_ENDPOINT_ID_NOT_FOUND("InvalidVpcEndpointId.NotFound", 400),
    INVALID_VPC_ENDPOINT_ID_MALFORMED("InvalidVpcEndpointId.Malformed", 400),
    INVALID_NETWORK_INSIGHTS_PATH_ID_NOT_FOUND("InvalidNetworkInsightsPathId.NotFound", 400),
    INVALID_NETWORK_INSIGHTS_PATH_ID_MALFORMED("InvalidNetworkInsightsPathId.Malformed", 400),
    INVALID_NETWORK_INSIGHTS_ANALYSIS_ID_NOT_FOUND("InvalidNetworkInsightsAnalysisId.NotFound", 400),
    INVALID_NETWORK_INSIGHTS_ANALYSIS_ID_MALFORMED("InvalidNetworkInsightsAnalysisId.Malformed", 400),
    INVALID_VPC_PEERING_CONNECTION_ID_NOT_FOUND("InvalidVpcPeeringConnectionID.NotFound", 400),
    INVALID_VPC_PEERING_CONNECTION_ID_MALFORMED("InvalidVpcPeeringConnectionId.Malformed", 400),
    INVALID_FLOW_LOG_ID_NOT_FOUND("InvalidFlowLogId.NotFound", 400),
    /** A flow log on the same resource, traffic type and destination as one that exists (reported per resource in {@code Unsuccessful}). */
    FLOW_LOG_ALREADY_EXISTS("FlowLogAlreadyExists", 400),
    INVALID_INSTANCE_ID_NOT_FOUND("InvalidInstanceID.NotFound", 400),
    INVALID_INSTANCE_ID_MALFORMED("InvalidInstanceID.Malformed", 400),
    INCORRECT_INSTANCE_STATE("IncorrectInstanceState", 400),
    INVALID_INSTANCE_TYPE("InvalidInstanceType", 400),
    INVALID_AMI_ID_NOT_FOUND("InvalidAMIID.NotFound", 400),
    INVALID_AMI_ID_MALFORMED("InvalidAMIID.Malformed", 400),
    INVALID_AMI_NAME_DUPLICATE("InvalidAMIName.Duplicate", 400),
    INVALID_REGION_NOT_FOUND("InvalidRegion.NotFound", 400),
    INVALID_AVAILABILITY_ZONE("InvalidAvailabilityZone", 400),
    INVALID_ZONE_NOT_FOUND("InvalidZone.NotFound", 400),

    // Network rules
    INVALID_VPC_RANGE("InvalidVpc.Range", 400),
    INVALID_SUBNET_RANGE("InvalidSubnet.Range", 400),
    INVALID_SUBNET_CONFLICT("InvalidSubnet.Conflict", 400),
    CIDR_CONFLICT("CidrConflict", 400),
    VPC_LIMIT_EXCEEDED("VpcLimitExceeded", 400),
    VPC_CIDR_LIMIT_EXCEEDED("CidrLimitExceeded", 400),
    ROUTE_ALREADY_EXISTS("RouteAlreadyExists", 400),
    INVALID_ROUTE_NOT_FOUND("InvalidRoute.NotFound", 400),
    INVALID_ROUTE_INVALID_STATE("InvalidRoute.InvalidState", 400),
    RESOURCE_ALREADY_ASSOCIATED("Resource.AlreadyAssociated", 400),
    GATEWAY_NOT_ATTACHED("Gateway.NotAttached", 400),
    INVALID_GATEWAY_ID_NOT_FOUND("InvalidGatewayID.NotFound", 400),
    INVALID_IP_ADDRESS_IN_USE("InvalidIPAddress.InUse", 400),
    INVALID_ADDRESS_NOT_FOUND("InvalidAddress.NotFound", 400),
    INVALID_ADDRESS_ID_NOT_FOUND("InvalidAddressID.NotFound", 400),
    INVALID_IP_ADDRESS_NOT_AVAILABLE("InsufficientFreeAddressesInSubnet", 400),
    INVALID_GROUP_DUPLICATE("InvalidGroup.Duplicate", 400),
    INVALID_GROUP_RESERVED("InvalidGroup.Reserved", 400),
    CANNOT_DELETE("CannotDelete", 400),
    INVALID_PERMISSION_DUPLICATE("InvalidPermission.Duplicate", 400),
    INVALID_PERMISSION_NOT_FOUND("InvalidPermission.NotFound", 400),
    INVALID_PERMISSION_MALFORMED("InvalidPermission.Malformed", 400),
    RULES_PER_SECURITY_GROUP_LIMIT_EXCEEDED("RulesPerSecurityGroupLimitExceeded", 400),
    SECURITY_GROUP_LIMIT_EXCEEDED("SecurityGroupLimitExceeded", 400),
    VPC_ID_NOT_SPECIFIED("VPCIdNotSpecified", 400),
    NETWORK_ACL_LIMIT_EXCEEDED("NetworkAclLimitExceeded", 400),
    PREFIX_LIST_LIMIT_EXCEEDED("PrefixListLimitExceeded", 400),
    NETWORK_ACL_ENTRY_ALREADY_EXISTS("NetworkAclEntryAlreadyExists", 400),
    INVALID_NETWORK_ACL_ENTRY_NOT_FOUND("InvalidNetworkAclEntry.NotFound", 400),
    NETWORK_ACL_ENTRY_LIMIT_EXCEEDED("NetworkAclEntryLimitExceeded", 400),
    PREFIX_LIST_VERSION_MISMATCH("PrefixListVersionMismatch", 400),
    PREFIX_LIST_MAX_ENTRIES_EXCEEDED("PrefixListMaxEntriesExceeded", 400),
    INVALID_MANAGED_PREFIX_LIST_MODIFICATION("InvalidManagedPrefixListModification", 400),
    INVALID_NETWORK_INTERFACE_IN_USE("InvalidNetworkInterface.InUse", 400),
    SUBNET_LIMIT_EXCEEDED("SubnetLimitExceeded", 400),
    NETWORK_INTERFACE_LIMIT_EXCEEDED("NetworkInterfaceLimitExceeded", 400),
    INVALID_CIDR_BLOCK_IN_USE("InvalidCidrBlock.InUse", 400),
    INVALID_SUBNET_CIDR_BLOCK_ASSOCIATION_ID_NOT_FOUND("InvalidSubnetCidrBlockAssociationID.NotFound", 400),
    OPERATION_NOT_PERMITTED("OperationNotPermitted", 400),
    UNAUTHORIZED_OPERATION("UnauthorizedOperation", 403),
    INVALID_TAG_KEY_MALFORMED("InvalidParameterValue", 400),
    TAG_LIMIT_EXCEEDED("TagLimitExceeded", 400),
    ADDRESS_LIMIT_EXCEEDED("AddressLimitExceeded", 400),
    INVALID_NAT_GATEWAY_STATE("InvalidNatGatewayID.NotFound", 400),
    ROUTE_LIMIT_EXCEEDED("RouteLimitExceeded", 400),
    ROUTE_TABLE_LIMIT_EXCEEDED("RouteTableLimitExceeded", 400),
    INTERNET_GATEWAY_LIMIT_EXCEEDED("InternetGatewayLimitExceeded", 400),
    NAT_GATEWAY_LIMIT_EXCEEDED("NatGatewayLimitExceeded", 400),
    INVALID_TRANSIT_GATEWAY_ID_NOT_FOUND("InvalidTransitGatewayID.NotFound", 400),
    INVALID_CARRIER_GATEWAY_ID_NOT_FOUND("InvalidCarrierGatewayID.NotFound", 400),
    INVALID_LOCAL_GATEWAY_ID_NOT_FOUND("InvalidLocalGatewayID.NotFound", 400),

    // VPC endpoints and endpoint services
    INVALID_SERVICE_NAME("InvalidServiceName", 400),
    INVALID_VPC_ENDPOINT_SERVICE_ID_NOT_FOUND("InvalidVpcEndpointServiceId.NotFound", 400),
    INVALID_VPC_ENDPOINT_SERVICE_ID_MALFORMED("InvalidVpcEndpointServiceId.Malformed", 400),
    DUPLICATE_SUBNETS_IN_SAME_ZONE("DuplicateSubnetsInSameZone", 400),
    ROUTE_TABLE_ALREADY_ASSOCIATED("RouteAlreadyExists", 400),
    EXISTING_VPC_ENDPOINT_CONNECTIONS("ExistingVpcEndpointConnections", 400),
    INVALID_POLICY_DOCUMENT("InvalidPolicyDocument", 400),
    VPC_ENDPOINT_LIMIT_EXCEEDED("VpcEndpointLimitExceeded", 400),
    INVALID_CONNECTION_NOTIFICATION("InvalidConnectionNotification", 400),

    // STS and ELBv2
    ACCESS_DENIED("AccessDenied", 403),
    /** The JSON protocol services' denial (DynamoDB, KMS, SSM, Secrets Manager, ECR, CloudWatch Logs answer 400). */
    ACCESS_DENIED_EXCEPTION("AccessDeniedException", 400),
    /** The REST-JSON services' denial (Lambda, FIS answer 403). */
    ACCESS_DENIED_EXCEPTION_FORBIDDEN("AccessDeniedException", 403),
    /** SNS's denial. */
    AUTHORIZATION_ERROR("AuthorizationError", 403),

    /** Backlane's admin API: no fault with the ID (it never existed, was removed or has ended). */
    INVALID_FAULT_ID_NOT_FOUND("InvalidFaultId.NotFound", 404),

    // Throttling, as each service words it (data/throttling.json): what an F7 fault answers
    /** The Query services' throttle (STS, ELBv2, CloudWatch). */
    THROTTLING("Throttling", 400),
    /** The JSON protocol services' throttle (KMS, SSM, Secrets Manager, ECR, CloudWatch Logs, DynamoDB's control plane). */
    THROTTLING_EXCEPTION("ThrottlingException", 400),
    /** The REST-JSON services' throttle. */
    THROTTLING_EXCEPTION_TOO_MANY_REQUESTS("ThrottlingException", 429),
    /** EC2's throttle. */
    REQUEST_LIMIT_EXCEEDED("RequestLimitExceeded", 503),
    /** S3's throttle. */
    SLOW_DOWN("SlowDown", 503),
    /** SQS's throttle. */
    REQUEST_THROTTLED("RequestThrottled", 400),
    /** SNS's throttle. */
    THROTTLED("Throttled", 429),
    /** Lambda's throttle. */
    TOO_MANY_REQUESTS_EXCEPTION("TooManyRequestsException", 429),

    LOAD_BALANCER_NOT_FOUND("LoadBalancerNotFound", 400),
    TARGET_GROUP_NOT_FOUND("TargetGroupNotFound", 400),
    LISTENER_NOT_FOUND("ListenerNotFound", 400),
    DUPLICATE_LOAD_BALANCER_NAME("DuplicateLoadBalancerName", 400),
    DUPLICATE_TARGET_GROUP_NAME("DuplicateTargetGroupName", 400),
    DUPLICATE_LISTENER("DuplicateListener", 400),
    INVALID_TARGET("InvalidTarget", 400),
    RESOURCE_IN_USE("ResourceInUse", 400),
    INVALID_CONFIGURATION_REQUEST("InvalidConfigurationRequest", 400),
    SUBNET_NOT_FOUND("SubnetNotFound", 400),
    INVALID_SUBNET("InvalidSubnet", 400),
    INVALID_SECURITY_GROUP("InvalidSecurityGroup", 400),
    ALLOCATION_ID_NOT_FOUND("AllocationIdNotFound", 400),
    DUPLICATE_TAG_KEYS("DuplicateTagKeys", 400),
    TOO_MANY_TAGS("TooManyTags", 400),
    TOO_MANY_LOAD_BALANCERS("TooManyLoadBalancers", 400),
    TOO_MANY_TARGET_GROUPS("TooManyTargetGroups", 400),
    TOO_MANY_LISTENERS("TooManyListeners", 400),
    TOO_MANY_TARGETS("TooManyTargets", 400),
    INCOMPATIBLE_PROTOCOLS("IncompatibleProtocols", 400),
    INVALID_LOAD_BALANCER_ACTION("InvalidLoadBalancerAction", 400),
    TARGET_GROUP_ASSOCIATION_LIMIT("TargetGroupAssociationLimit", 400),

    // The awsJson services (CloudWatch Logs): their errors are named for the exception shapes of the model
    RESOURCE_NOT_FOUND_EXCEPTION("ResourceNotFoundException", 400),
    RESOURCE_ALREADY_EXISTS_EXCEPTION("ResourceAlreadyExistsException", 400),
    INVALID_PARAMETER_EXCEPTION("InvalidParameterException", 400),
    /** Route 53 Resolver's word for a resource that exists already (a query log config for a VPC it is associated with). */
    RESOURCE_EXISTS_EXCEPTION("ResourceExistsException", 400),
    /** Route 53 Resolver's word for a request the resource's state does not allow. */
    INVALID_REQUEST_EXCEPTION("InvalidRequestException", 400),
    INVALID_NEXT_TOKEN_EXCEPTION("InvalidNextTokenException", 400),
    LIMIT_EXCEEDED_EXCEPTION("LimitExceededException", 400),
    TOO_MANY_TAGS_EXCEPTION("TooManyTagsException", 400),
    /** FIS: a change the resource's state does not allow (a template's clientToken reused with other parameters); 409 in REST-JSON. */
    CONFLICT_EXCEPTION("ConflictException", 409),
    /** FIS: a quota (templates per account, experiments running) reached; the model gives it status 402. */
    SERVICE_QUOTA_EXCEEDED_EXCEPTION("ServiceQuotaExceededException", 402),
    /** CloudWatch: an alarm named by DeleteAlarms or SetAlarmState that does not exist. */
    RESOURCE_NOT_FOUND("ResourceNotFound", 404),
    /** CloudWatch: the resource a tagging call names does not exist; 404, where CloudWatch Logs answers 400. */
    TAGGED_RESOURCE_NOT_FOUND("ResourceNotFoundException", 404),
    /** CloudWatch: a quota reached (alarms per account and region). */
    LIMIT_EXCEEDED("LimitExceeded", 400),
    /** CloudWatch: SetAlarmState's StateReasonData that is not JSON. */
    INVALID_FORMAT("InvalidFormat", 400),
    /** A value that breaks its shape's constraints in the model (length, pattern, range, enum, required). */
    VALIDATION_EXCEPTION("ValidationException", 400),
    /** An {@code X-Amz-Target} naming no operation of the service. */
    UNKNOWN_OPERATION_EXCEPTION("UnknownOperationException", 400),
    /** A body that is not JSON, or a member of the wrong JSON type. */
    SERIALIZATION_EXCEPTION("SerializationException", 400);

    private final String code;
    private final int httpStatus;

    ErrorCode(String code, int httpStatus) {
        this.code = code;
        this.httpStatus = httpStatus;
    }

    /** The code as AWS writes it on the wire, e.g. {@code InvalidVpcID.NotFound}. */
    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
