package dev.backlane.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One Terraform stack from the test resources in a scratch directory, run offline with the
 * hashicorp/aws provider from a local mirror. Its debug logs go to {@code target/terraform-logs/<stack>/}
 * in the module, so they outlive the scratch directory for diagnosis and feed failure reports.
 */
final class TerraformWorkspace {
    private static final String PROVIDER = "registry.terraform.io/hashicorp/aws";
    /**
     * Past this a step is killed as hung. Generous: on a machine shared with other builds (load average 40 on 2 cores)
     * the provider's start-ups alone took an apply of 80 s of resource work past 5 minutes (docs/terraform.md).
     */
    private static final Duration STEP_LIMIT = Duration.ofMinutes(12);

    /**
     * Resource operations Terraform runs at once, past its default of 10: a stack holds several parts, and a resource
     * asleep in one of the provider's fixed waits (a minute around a subnet association) holds its slot the whole time.
     */
    private static final String PARALLELISM = "-parallelism=32";

    private final ExternalProgram terraform;
    private final Path directory;
    private final Path logs;

    private TerraformWorkspace(ExternalProgram terraform, Path directory, Path logs) {
        this.terraform = terraform;
        this.directory = directory;
        this.logs = logs;
    }

    /** Why the stack cannot run here (no terraform, no provider mirror), or empty when it can. */
    static Optional<String> missing() {
        if (findTerraform().isEmpty()) {
            return Optional.of("no 'terraform' executable on the PATH");
        }
        return providerMirror().isEmpty() ? Optional.of("no provider mirror holding " + PROVIDER + " under " + mirrorRoots()) : Optional.empty();
    }

    /**
     * Copies the stack's files, {@code /terraform/<stack>/*.tf} from the test classes' folder, into {@code directory}
     * and configures the mirror. A stack is several files, one per part, that Terraform applies as one graph.
     */
    static TerraformWorkspace create(Path directory, String stack) throws IOException {
        Files.createDirectories(directory.resolve("stack"));
        URL source = TerraformWorkspace.class.getResource("/terraform/" + stack);
        if (source == null || !source.getProtocol().equals("file")) {
            throw new IllegalStateException("terraform/" + stack + " is not a folder of the test resources: " + source);
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(Path.of(URI.create(source.toString())))) {
            files = listing.filter(file -> file.getFileName().toString().endsWith(".tf")).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("terraform/" + stack + " holds no .tf file");
        }
        for (Path file : files) {
            Files.copy(file, directory.resolve("stack").resolve(file.getFileName().toString()));
        }
        Path logs = Path.of("target", "terraform-logs", stack).toAbsolutePath();
        Files.createDirectories(logs);
        try (Stream<Path> old = Files.list(logs)) {
            for (Path log : old.toList()) {
                Files.delete(log);
            }
        }
        Path mirror = providerMirror().orElseThrow();
        Files.writeString(directory.resolve("terraform.rc"), """
                provider_installation {
                  filesystem_mirror {
                    path    = "%s"
                    include = ["registry.terraform.io/*/*"]
                  }
                  direct {
                    exclude = ["registry.terraform.io/*/*"]
                  }
                }
                """.formatted(mirror.toString().replace("\\", "\\\\")), StandardCharsets.UTF_8);
        return new TerraformWorkspace(findTerraform().orElseThrow(), directory, logs);
    }

    ExternalProgram.Result run(String... arguments) {
        Map<String, String> environment = new HashMap<>();
        environment.put("TF_CLI_CONFIG_FILE", directory.resolve("terraform.rc").toString());
        environment.put("TF_IN_AUTOMATION", "1");
        environment.put("TF_INPUT", "0");
        environment.put("CHECKPOINT_DISABLE", "1");
        environment.put("TF_LOG", "DEBUG");
        environment.put("TF_LOG_PATH", logs.resolve("terraform-" + arguments[0] + ".log").toString());
        environment.put("TF_DATA_DIR", directory.resolve("stack/.terraform").toString());
        environment.put("AWS_EC2_METADATA_DISABLED", "true");
        environment.put("AWS_CONFIG_FILE", directory.resolve("aws-config").toString());
        environment.put("AWS_SHARED_CREDENTIALS_FILE", directory.resolve("aws-credentials").toString());
        ExternalProgram.Result result = terraform.run(directory.resolve("stack"), environment, STEP_LIMIT, List.of(arguments));
        System.out.println("terraform " + String.join(" ", arguments) + " -> exit " + result.exitCode());
        return result;
    }

    /** {@code terraform init}, offline from the mirror; fails the test when it fails. */
    void init() {
        runOk("init", "-input=false", "-no-color");
    }

    /** {@code terraform apply} against Backlane at {@code endpoint}, then the stack's outputs. */
    JsonNode apply(String endpoint) throws IOException {
        runOk("apply", "-auto-approve", PARALLELISM, "-input=false", "-no-color", "-var", "endpoint=" + endpoint);
        return new ObjectMapper().readTree(runOk("output", "-json", "-no-color").stdout());
    }

    /** {@code terraform plan -detailed-exitcode}; fails the test on drift (exit 2) or error. */
    void assertPlanHasNoChanges(String endpoint) {
        ExternalProgram.Result plan = run("plan", "-detailed-exitcode", PARALLELISM, "-input=false", "-no-color", "-var", "endpoint=" + endpoint);
        if (plan.exitCode() != 0) {
            fail((plan.exitCode() == 2 ? "plan found drift after apply (exit 2):\n" : "plan failed:\n") + report(plan));
        }
    }

    /**
     * {@code terraform destroy} of what the state holds, without reading every resource back first: the plan step has
     * just refreshed the state, and the refresh costs the provider one more start (a tenth of the class's time on a
     * loaded machine, docs/terraform.md) for reads the plan already made.
     */
    void destroy(String endpoint) {
        runOk("destroy", "-auto-approve", "-refresh=false", PARALLELISM, "-input=false", "-no-color", "-var", "endpoint=" + endpoint);
    }

    /** Runs terraform and fails the test, with the report, unless it exits 0. */
    ExternalProgram.Result runOk(String... arguments) {
        ExternalProgram.Result result = run(arguments);
        if (result.exitCode() != 0) {
            fail("terraform " + arguments[0] + " failed:\n" + report(result));
        }
        return result;
    }

    /**
     * Terraform's output and, from its debug logs, every request Backlane refused as unsupported and
     * every call the provider's SDK retried (with its invocation ID, to find its attempts in Backlane's
     * request log, {@code target/server-logs/<test class>/logs/requests.log}).
     */
    String report(ExternalProgram.Result result) {
        StringBuilder report = new StringBuilder(result.describe());
        Pattern operation = Pattern.compile("The operation (\\w+) is not supported");
        Pattern retried = Pattern.compile("HTTP Request Sent:(?=.*amz_sdk_request=\"attempt=([2-9]|\\d\\d+);)"
                + "(?=.*rpc\\.method=(\\w+))(?=.*amz_sdk_invocation_id=([\\w-]+))", Pattern.DOTALL);
        Set<String> retries = new TreeSet<>();
        Set<String> operations = new TreeSet<>();
        List<String> texts = new ArrayList<>(List.of(result.stdout(), result.stderr()));
        try (Stream<Path> files = Files.list(logs)) {
            for (Path log : files.filter(path -> path.getFileName().toString().endsWith(".log")).toList()) {
                texts.add(Files.readString(log, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String text : texts) {
            Matcher matcher = operation.matcher(text);
            while (matcher.find()) {
                operations.add(matcher.group(1));
            }
            // One log entry per "HTTP Request Sent"; an entry spans lines up to the next timestamped one.
            for (String entry : text.split("\n(?=\\d{4}-\\d\\d-\\d\\dT)")) {
                Matcher retry = retried.matcher(entry);
                if (retry.find()) {
                    retries.add(retry.group(2) + " attempt " + retry.group(1) + " invocation_id=" + retry.group(3));
                }
            }
        }
        if (!operations.isEmpty()) {
            report.append("\n--- operations Backlane answered UnsupportedOperation ---\n").append(String.join("\n", operations));
        }
        if (!retries.isEmpty()) {
            report.append("\n--- calls the provider retried ---\n").append(String.join("\n", retries));
        }
        return report.toString();
    }

    private static Optional<ExternalProgram> findTerraform() {
        return ExternalProgram.find("terraform", Path.of("/usr/local/bin/terraform"), Path.of("/usr/bin/terraform"));
    }

    private static List<Path> mirrorRoots() {
        Path home = Path.of(System.getProperty("user.home"));
        return List.of(Path.of("/opt/tf-plugins"), home.resolve(".terraform.d/plugins"), home.resolve(".local/share/terraform/plugins"),
                Path.of("/usr/share/terraform/plugins"), Path.of("/usr/local/share/terraform/plugins"));
    }

    private static Optional<Path> providerMirror() {
        return mirrorRoots().stream().filter(root -> Files.isDirectory(root.resolve(PROVIDER))).findFirst();
    }
}
