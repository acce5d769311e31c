package dev.backlane.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.endpoint.AwsService;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServiceNamesTest {
    private final ServiceNames names = ServiceNames.standard();

    @Test
    void namesThatDoNotFollowTheServiceRegionPatternBelongToTheirService() {
        assertEquals(service("api.ecr", "us-east-1"), names.serviceOfHostname("api.ecr.us-east-1.amazonaws.com"));
        assertEquals(service("kinesis", "us-east-1"), names.serviceOfHostname("kinesis.us-east-1.amazonaws.com"));
        assertEquals(service("firehose", "eu-west-1"), names.serviceOfHostname("firehose.eu-west-1.amazonaws.com"));
        assertEquals(service("sqs", "us-east-1"), names.serviceOfHostname("SQS.us-east-1.amazonaws.com."));
        assertEquals(service("rds", "us-east-1"), names.serviceOfHostname("rds.us-east-1.amazonaws.com"));
    }

    @Test
    void fipsAndDualStackVariantsBelongToTheirService() {
        assertEquals(service("sqs", "us-east-1"), names.serviceOfHostname("sqs-fips.us-east-1.amazonaws.com"));
        assertEquals(service("sqs", "us-east-1"), names.serviceOfHostname("sqs.us-east-1.api.aws"));
        assertEquals(service("api.ecr", "us-east-1"), names.serviceOfHostname("ecr-fips.us-east-1.amazonaws.com"));
        assertEquals(service("s3", "us-west-2"), names.serviceOfHostname("s3.dualstack.us-west-2.amazonaws.com"));
    }

    @Test
    void subdomainNamesResolveForBucketsRegistriesAndApis() {
        assertEquals(service("s3", "us-east-1"), names.serviceOfHostname("my-bucket.s3.us-east-1.amazonaws.com"));
        assertEquals(service("s3", "us-east-1"), names.serviceOfHostname("my.dotted.bucket.s3.us-east-1.amazonaws.com"));
        assertEquals(service("s3", "us-east-1"), names.serviceOfHostname("my-bucket.s3.amazonaws.com"));
        assertEquals(service("dkr.ecr", "eu-west-1"), names.serviceOfHostname("111122223333.dkr.ecr.eu-west-1.amazonaws.com"));
        assertEquals(service("execute-api", "us-east-1"), names.serviceOfHostname("a1b2c3d4e5.execute-api.us-east-1.amazonaws.com"));
        assertEquals(service("s3-control", "us-east-1"), names.serviceOfHostname("111122223333.s3-control.us-east-1.amazonaws.com"));
        assertEquals(service("s3", "eu-west-1"), names.serviceOfHostname("reports-111122223333.s3-accesspoint.eu-west-1.amazonaws.com"));
        assertEquals(Optional.empty(), names.serviceOfHostname("s3-accesspoint.eu-west-1.amazonaws.com"));
    }

    @Test
    void globalServicesResolveFromTheirCredentialScope() {
        Optional<PublicService> iam = names.serviceOfHostname("iam.amazonaws.com");
        assertEquals(Optional.of(new PublicService("iam", "us-east-1", true)), iam);
        assertEquals("iam (global, us-east-1)", iam.orElseThrow().describe());
        assertTrue(names.serviceOfHostname("route53.amazonaws.com").orElseThrow().global());
        assertTrue(names.serviceOfHostname("cloudfront.amazonaws.com").orElseThrow().global());
        assertEquals(service("sts", "us-east-1"), names.serviceOfHostname("sts.amazonaws.com"));
    }

    @Test
    void subdomainOfIsTheLabelsLeftOfANameTakingSubdomains() {
        assertEquals(Optional.of("my.dotted.bucket"), names.subdomainOf("my.dotted.bucket.s3.us-east-1.amazonaws.com"));
        assertEquals(Optional.of("logs"), names.subdomainOf("logs.s3.dualstack.us-west-2.amazonaws.com"));
        assertEquals(Optional.empty(), names.subdomainOf("s3.us-east-1.amazonaws.com"));
        assertEquals(Optional.empty(), names.subdomainOf("sqs.us-east-1.amazonaws.com"));
        assertEquals(Optional.empty(), names.subdomainOf("example.org"));
    }

    @Test
    void hostnameOfAServiceInARegionIsItsStandardName() {
        assertEquals(Optional.of("sqs.eu-west-1.amazonaws.com"), names.hostnameOf("sqs", "eu-west-1"));
        assertEquals(Optional.of("api.ecr.us-east-1.amazonaws.com"), names.hostnameOf("api.ecr", "us-east-1"));
        assertEquals(Optional.of("iam.amazonaws.com"), names.hostnameOf("iam", "us-east-1"));
        assertEquals(Optional.empty(), names.hostnameOf("sqs", "mars-north-1"));
        assertEquals(Optional.empty(), names.hostnameOf("teleportation", "us-east-1"));
    }

    @Test
    void namesAwsDoesNotServeDoNotResolve() {
        assertEquals(Optional.empty(), names.serviceOfHostname("foo.us-east-1.amazonaws.com"));
        assertEquals(Optional.empty(), names.serviceOfHostname("dkr.ecr.us-east-1.amazonaws.com"));
        assertEquals(Optional.empty(), names.serviceOfHostname("sqs.mars-north-1.amazonaws.com"));
        assertEquals(Optional.empty(), names.serviceOfHostname("vpce-0abc-12345678.s3.us-east-1.vpce.amazonaws.com"));
        assertEquals(Optional.empty(), names.serviceOfHostname("example.org"));
    }

    @Test
    void endpointServicesMapToThePublicServiceOfTheirPrivateName() {
        assertEquals(service("api.ecr", "us-east-1"), names.publicServiceOf(endpointService("com.amazonaws.us-east-1.ecr.api")));
        assertEquals(service("kinesis", "us-east-1"), names.publicServiceOf(endpointService("com.amazonaws.us-east-1.kinesis-streams")));
        assertEquals(service("dynamodb", "us-east-1"), names.publicServiceOf(endpointService("com.amazonaws.us-east-1.dynamodb")));
        assertEquals(service("rds", "us-east-1"), names.publicServiceOf(endpointService("com.amazonaws.us-east-1.rds")));
        assertEquals(Optional.of(endpointService("com.amazonaws.us-east-1.kinesis-firehose")),
                names.endpointServiceOf(new PublicService("firehose", "us-east-1", false)));
    }

    @Test
    void aNameFiledUnderAnotherServicesEndpointsIsItsOwnServiceWhenAnEndpointServiceNamesIt() {
        assertEquals(service("bedrock-runtime", "us-east-1"), names.serviceOfHostname("bedrock-runtime.us-east-1.amazonaws.com"));
        assertEquals(service("bedrock", "us-east-1"), names.serviceOfHostname("bedrock.us-east-1.amazonaws.com"));
    }

    @Test
    void theRealNameOfAnEndpointServiceIsItsPrivateDnsName() {
        assertEquals(Optional.of("api.ecr.us-east-1.amazonaws.com"), names.hostnameOf(endpointService("com.amazonaws.us-east-1.ecr.api")));
        assertEquals(Optional.of("s3.us-east-1.amazonaws.com"), names.hostnameOf(endpointService("com.amazonaws.us-east-1.s3")));
        assertEquals(Optional.of("dynamodb.us-east-1.amazonaws.com"), names.hostnameOf(endpointService("com.amazonaws.us-east-1.dynamodb")));
        assertEquals(Optional.of("*.dkr.ecr.us-east-1.amazonaws.com"), names.hostnameOf(endpointService("com.amazonaws.us-east-1.ecr.dkr")));
    }

    @Test
    void privateDnsNamesCoverTheirNameAndWildcardsEveryNameUnderIt() {
        assertTrue(ServiceNames.covers("sqs.us-east-1.amazonaws.com", "sqs.us-east-1.amazonaws.com"));
        assertTrue(!ServiceNames.covers("sqs.us-east-1.amazonaws.com", "sqs-fips.us-east-1.amazonaws.com"));
        assertTrue(ServiceNames.covers("*.s3.us-east-1.amazonaws.com", "bucket.s3.us-east-1.amazonaws.com"));
        assertTrue(ServiceNames.covers("*.s3.us-east-1.amazonaws.com", "s3.us-east-1.amazonaws.com"));
        assertTrue(!ServiceNames.covers("*.s3.us-east-1.amazonaws.com", "bucket.s3.dualstack.us-east-1.amazonaws.com"));
        assertTrue(!ServiceNames.covers(null, "dynamodb.us-east-1.amazonaws.com"));
    }

    @Test
    void everyEndpointServiceOfEveryRegionHasAPublicServiceAndName() {
        for (PublicService service : names.services()) {
            assertTrue(!names.hostnames(service).isEmpty(), service.describe());
        }
        for (String region : java.util.List.of("us-east-1", "eu-west-1", "ap-southeast-7")) {
            for (AwsService service : names.catalog().services(region)) {
                assertTrue(names.publicServiceOf(service).isPresent(), service.serviceName());
                assertTrue(names.hostnameOf(service).isPresent(), service.serviceName());
            }
        }
    }

    @Test
    void everyEndpointServiceBelongsToTheServiceItsNameIsNamedAfter() {
        for (dev.backlane.core.data.Region region : dev.backlane.core.data.RegionCatalog.standard().regions()) {
            for (AwsService service : names.catalog().services(region.name())) {
                String name = names.hostnameOf(service).orElseThrow().replaceFirst("^\\*\\.", "");
                String label = name.substring(0, name.indexOf("." + region.name() + "."));
                assertEquals(label, names.publicServiceOf(service).orElseThrow().name(), service.serviceName());
            }
        }
    }

    private AwsService endpointService(String name) {
        return names.serviceOfName(name).orElseThrow();
    }

    private static Optional<PublicService> service(String name, String region) {
        return Optional.of(new PublicService(name, region, false));
    }
}
