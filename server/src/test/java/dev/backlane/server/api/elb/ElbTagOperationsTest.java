package dev.backlane.server.api.elb;

import static dev.backlane.server.api.elb.ElbFixture.SERVICE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backlane.server.TestApi;
import java.util.List;
import org.junit.jupiter.api.Test;

class ElbTagOperationsTest {
    private final TestApi api = new TestApi();

    @Test
    void tagsOnCreateAddAndRemove() {
        String loadBalancer = ElbFixture.createNetworkLoadBalancer(api, "tagged", "Tags.member.1.Key", "env", "Tags.member.1.Value", "dev")
                .assertOk().text("//LoadBalancerArn");
        String group = ElbFixture.targetGroupArn(api, "tg", "TCP", "ip");

        api.call(SERVICE, "AddTags", "ResourceArns.member.1", loadBalancer, "ResourceArns.member.2", group,
                "Tags.member.1.Key", "team", "Tags.member.1.Value", "net").assertOk();
        TestApi.Response tags = api.call(SERVICE, "DescribeTags", "ResourceArns.member.1", loadBalancer, "ResourceArns.member.2", group).assertOk();
        assertEquals(List.of(loadBalancer, group), tags.texts("//TagDescriptions/member/ResourceArn"));
        assertEquals(List.of("env", "team"), tags.texts("//TagDescriptions/member[ResourceArn='" + loadBalancer + "']/Tags/member/Key"));
        assertEquals(List.of("team"), tags.texts("//TagDescriptions/member[ResourceArn='" + group + "']/Tags/member/Key"));

        api.call(SERVICE, "RemoveTags", "ResourceArns.member.1", loadBalancer, "TagKeys.member.1", "env").assertOk();
        assertEquals(List.of("net"), api.call(SERVICE, "DescribeTags", "ResourceArns.member.1", loadBalancer)
                .texts("//Tags/member/Value"));
    }

    @Test
    void listenerTagsOnCreate() {
        String loadBalancer = ElbFixture.networkLoadBalancerArn(api, "lb");
        String group = ElbFixture.targetGroupArn(api, "tg", "TCP", "ip");
        String listener = api.call(SERVICE, "CreateListener", "LoadBalancerArn", loadBalancer, "Protocol", "TCP", "Port", "80",
                "DefaultActions.member.1.Type", "forward", "DefaultActions.member.1.TargetGroupArn", group,
                "Tags.member.1.Key", "Name", "Tags.member.1.Value", "front").assertOk().text("//ListenerArn");
        assertEquals("front", api.call(SERVICE, "DescribeTags", "ResourceArns.member.1", listener).assertOk().text("//Tags/member/Value"));
    }

    @Test
    void tagErrors() {
        String loadBalancer = ElbFixture.networkLoadBalancerArn(api, "lb");
        String unknown = loadBalancer.substring(0, loadBalancer.lastIndexOf('/') + 1) + "ffffffffffffffff";
        api.call(SERVICE, "DescribeTags", "ResourceArns.member.1", unknown).assertError("LoadBalancerNotFound");
        api.call(SERVICE, "DescribeTags", "ResourceArns.member.1", "arn:aws:s3:::bucket").assertError("ValidationError");
        api.call(SERVICE, "AddTags", "ResourceArns.member.1", loadBalancer, "Tags.member.1.Key", "a", "Tags.member.2.Key", "a")
                .assertError("DuplicateTagKeys");
        ElbFixture.createNetworkLoadBalancer(api, "dupkeys", "Tags.member.1.Key", "a", "Tags.member.2.Key", "a").assertError("DuplicateTagKeys");
        String[] many = new String[4 + 51 * 2];
        many[0] = "ResourceArns.member.1";
        many[1] = loadBalancer;
        many[2] = "Tags.member.1.Key";
        many[3] = "k0";
        for (int i = 1; i <= 51; i++) {
            many[2 + i * 2] = "Tags.member." + (i + 1) + ".Key";
            many[3 + i * 2] = "k" + i;
        }
        api.call(SERVICE, "AddTags", many).assertError("TooManyTags");
    }
}
