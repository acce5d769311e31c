package dev.backlane.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * One Terraform stack from {@code terraform/<stack>/} (its parts' {@code .tf} files) applied to its own Backlane as ordered
 * steps — init, apply, a plan that must show no changes, destroy — so a report shows how far the stack
 * gets. A step whose predecessor failed is skipped, except destroy, which runs after any apply.
 * Subclasses name the stack and check what apply made and what destroy left.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TerraformStackSteps {
    @RegisterExtension
    final BacklaneExtension backlane = new BacklaneExtension();

    private final String stack;
    private TerraformWorkspace workspace;
    private boolean initialized;
    private boolean applyAttempted;
    private boolean applied;
    private boolean destroyed;
    private JsonNode outputs;

    TerraformStackSteps(String stack) {
        this.stack = stack;
    }

    /** Checks, through the SDK, what apply made. */
    abstract void checkApplied(Ec2Client ec2);

    /** Checks, through the SDK, that destroy left nothing behind. */
    abstract void checkDestroyed(Ec2Client ec2);

    @BeforeAll
    void prepare(@TempDir Path directory) throws IOException {
        Optional<String> missing = TerraformWorkspace.missing();
        missing.ifPresent(reason -> System.out.println(getClass().getSimpleName() + " skipped: " + reason));
        Assumptions.assumeTrue(missing.isEmpty(), missing.orElse(""));
        workspace = TerraformWorkspace.create(directory, stack);
    }

    @Test
    @Order(1)
    void initInstallsTheProviderFromTheMirror() {
        workspace.init();
        initialized = true;
    }

    @Test
    @Order(2)
    void applyCreatesTheStack() throws IOException {
        Assumptions.assumeTrue(initialized, "init failed");
        applyAttempted = true;
        outputs = workspace.apply(backlane.endpoint());
        applied = true;
        checkApplied(backlane.ec2());
    }

    @Test
    @Order(3)
    void planAfterApplyHasNoChanges() {
        Assumptions.assumeTrue(applied, "apply failed");
        workspace.assertPlanHasNoChanges(backlane.endpoint());
    }

    @Test
    @Order(4)
    void destroyRemovesTheStack() {
        Assumptions.assumeTrue(applyAttempted, "apply never ran");
        workspace.destroy(backlane.endpoint());
        destroyed = true;
    }

    @Test
    @Order(5)
    void nothingIsLeft() {
        Assumptions.assumeTrue(destroyed, "destroy failed");
        checkDestroyed(backlane.ec2());
    }

    /** A value of the stack's outputs after apply. */
    String output(String name) {
        return outputs.path(name).path("value").asText();
    }

    /** A list among the stack's outputs after apply, as text. */
    List<String> outputList(String name) {
        List<String> values = new ArrayList<>();
        outputs.path(name).path("value").forEach(value -> values.add(value.asText()));
        return values;
    }

    /** A map among the stack's outputs after apply, as text, in key order. */
    Map<String, String> outputMap(String name) {
        Map<String, String> values = new TreeMap<>();
        outputs.path(name).path("value").fields().forEachRemaining(entry -> values.put(entry.getKey(), entry.getValue().asText()));
        return values;
    }
}
