package dev.backlane.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.fis.FisClient;
import software.amazon.awssdk.services.fis.model.ExperimentTemplate;
import software.amazon.awssdk.services.fis.model.ExperimentTemplateSummary;

/**
 * Terraform applies {@code terraform/fis/main.tf} to Backlane: an {@code aws_fis_experiment_template} with a throttle
 * action on a role and a wait, a stop condition of none and tags; a plan then shows no changes and destroy leaves no
 * template behind.
 */
class FisTerraformIT extends TerraformStackSteps {
    FisTerraformIT() {
        super("fis");
    }

    private FisClient fis() {
        return backlane.fis(BacklaneExtension.DEFAULT_ACCESS_KEY);
    }

    @Override
    void checkApplied(Ec2Client ec2) {
        ExperimentTemplate template = fis().getExperimentTemplate(r -> r.id(output("template_id"))).experimentTemplate();
        assertEquals("throttle orders' EC2 calls, then wait", template.description());
        assertEquals(Map.of("service", "ec2", "operations", "DescribeVpcs,DescribeSubnets", "percentage", "50", "duration", "PT5M"),
                template.actions().get("throttle").parameters());
        assertEquals(List.of("arn:aws:iam::000000000000:role/orders"), template.targets().get("orders").resourceArns());
        assertEquals(Map.of("Name", "throttle-orders", "team", "orders"), template.tags());
    }

    @Override
    void checkDestroyed(Ec2Client ec2) {
        assertEquals(List.<ExperimentTemplateSummary>of(), fis().listExperimentTemplates(r -> { }).experimentTemplates());
    }
}
