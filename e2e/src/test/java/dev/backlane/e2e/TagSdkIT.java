package dev.backlane.e2e;

import static dev.backlane.e2e.AwsAssertions.assertAwsError;
import static dev.backlane.e2e.AwsAssertions.assertDryRunSucceeds;
import static dev.backlane.e2e.VpcSdkIT.filter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeTagsResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagDescription;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** CreateTags, DeleteTags and DescribeTags through the SDK, with EC2's rules on keys, values and counts. */
class TagSdkIT {
    @RegisterExtension
    static final BacklaneExtension backlane = new BacklaneExtension();

    @Test
    void tagsAreCreatedOverwrittenAndDescribed() {
        Ec2Client ec2 = backlane.newAccount().ec2();
        String vpcId = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        ec2.createTags(r -> r.resources(vpcId).tags(tag("Name", "first"), tag("team", "net"), tag("empty", "")));
        ec2.createTags(r -> r.resources(vpcId).tags(tag("Name", "second")));

        assertEquals(Map.of("Name", "second", "team", "net", "empty", ""), tagsOf(ec2, vpcId));
        List<TagDescription> described = ec2.describeTags(r -> r.filters(filter("resource-id", vpcId))).tags();
        assertEquals(List.of("Name", "empty", "team"), described.stream().map(TagDescription::key).toList(), "sorted by key");
        assertTrue(described.stream().allMatch(t -> t.resourceType() == ResourceType.VPC && t.resourceId().equals(vpcId)));
        assertEquals(List.of("team"), keys(ec2, filter("resource-id", vpcId), filter("value", "n*")));
        assertEquals(List.of("Name"), keys(ec2, filter("resource-id", vpcId), filter("key", "Na??")));
        assertEquals(1, ec2.describeTags(r -> r.filters(filter("resource-type", "vpc"), filter("key", "team"))).tags().size());
        assertEquals(Map.of("Name", "second", "team", "net", "empty", ""), ec2.describeVpcs(r -> r.vpcIds(vpcId)).vpcs().get(0).tags()
                .stream().collect(Collectors.toMap(Tag::key, Tag::value)));
    }

    @Test
    void deleteTagsMatchesValueWhenGivenAndEverythingWhenNot() {
        Ec2Client ec2 = backlane.newAccount().ec2();
        String vpcId = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16").tagSpecifications(TagSpecification.builder().resourceType(ResourceType.VPC)
                .tags(tag("a", "1"), tag("b", "2"), tag("c", "3")).build())).vpc().vpcId();
        ec2.deleteTags(r -> r.resources(vpcId).tags(tag("a", "wrong")));
        assertEquals(Map.of("a", "1", "b", "2", "c", "3"), tagsOf(ec2, vpcId), "a value that does not match deletes nothing");
        ec2.deleteTags(r -> r.resources(vpcId).tags(tag("a", "1"), Tag.builder().key("b").build()));
        assertEquals(Map.of("c", "3"), tagsOf(ec2, vpcId));
        ec2.deleteTags(r -> r.resources(vpcId));
        assertEquals(Map.of(), tagsOf(ec2, vpcId));
    }

    @Test
    void tagErrorsAndDryRun() {
        Ec2Client ec2 = backlane.newAccount().ec2();
        String vpcId = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        assertAwsError("InvalidParameterValue", () -> ec2.createTags(r -> r.resources(vpcId).tags(tag("aws:reserved", "x"))));
        assertAwsError("InvalidVpcID.NotFound", () -> ec2.createTags(r -> r.resources("vpc-0123456789abcdef0").tags(tag("k", "v"))));
        assertAwsError("InvalidID", () -> ec2.createTags(r -> r.resources("nothing-123").tags(tag("k", "v"))));
        assertAwsError("MissingParameter", () -> ec2.createTags(r -> r.tags(tag("k", "v"))));
        assertAwsError("InvalidParameterValue", () -> ec2.describeTags(r -> r.filters(filter("colour", "red"))));

        List<Tag> fifty = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            fifty.add(tag("k" + i, "v"));
        }
        ec2.createTags(r -> r.resources(vpcId).tags(fifty));
        assertAwsError("TagLimitExceeded", () -> ec2.createTags(r -> r.resources(vpcId).tags(tag("one-too-many", "v"))));
        assertEquals(50, tagsOf(ec2, vpcId).size());

        assertDryRunSucceeds(() -> ec2.deleteTags(r -> r.resources(vpcId).dryRun(true)));
        assertDryRunSucceeds(() -> ec2.createTags(r -> r.resources(vpcId).tags(tag("k0", "changed")).dryRun(true)));
        assertEquals("v", tagsOf(ec2, vpcId).get("k0"), "DryRun changed nothing");
    }

    @Test
    void describeTagsPaginates() {
        Ec2Client ec2 = backlane.newAccount().ec2();
        String vpcId = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        List<Tag> twelve = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            twelve.add(tag("key-%02d".formatted(i), "value-" + i));
        }
        ec2.createTags(r -> r.resources(vpcId).tags(twelve));
        List<Integer> pageSizes = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (DescribeTagsResponse page : ec2.describeTagsPaginator(r -> r.maxResults(5).filters(filter("resource-id", vpcId)))) {
            pageSizes.add(page.tags().size());
            page.tags().forEach(t -> keys.add(t.key()));
        }
        assertEquals(List.of(5, 5, 2), pageSizes);
        assertEquals(twelve.stream().map(Tag::key).toList(), keys);
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    private static Map<String, String> tagsOf(Ec2Client ec2, String resourceId) {
        return ec2.describeTags(r -> r.filters(filter("resource-id", resourceId))).tags().stream()
                .collect(Collectors.toMap(TagDescription::key, TagDescription::value, (a, b) -> a, TreeMap::new));
    }

    private static List<String> keys(Ec2Client ec2, Filter... filters) {
        return ec2.describeTags(r -> r.filters(filters)).tags().stream().map(TagDescription::key).toList();
    }
}
