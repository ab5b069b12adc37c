package com.example.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.github.cdkserverlesspatterns.ServerlessFunction;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.lambda.Runtime;

/**
 * The app synthesized with the CDK CLI, judged by cdk-nag's AwsSolutions and Serverless packs and this library's
 * ServerlessPatternsChecks (registered in OrdersApp: a finding fails the synth) and by cfn-lint (BP-X2, X3).
 *
 * <p>cdk.json runs the app with {@code mvn -e -q compile exec:java}, i.e. the main class on the project's classpath;
 * the test gives the CLI exactly that as {@code --app} (this JVM's classpath), so that Maven is not started inside
 * Maven.
 */
class CdkSynthTest {
    /** The CDK CLI the repository installs (`npm ci`); a user's project has `npx cdk` the same way. */
    private static final Path CDK = Path.of("..", "..", "node_modules", ".bin", "cdk").toAbsolutePath().normalize();

    @TempDir
    static Path out;
    private static String synthOutput;

    @BeforeAll
    static void synthesize() throws Exception {
        assertTrue(Files.isExecutable(CDK), "the CDK CLI is not installed at " + CDK + ": run `npm ci` in the repository");
        String app = "java -cp " + System.getProperty("java.class.path") + " com.example.orders.OrdersApp";
        Result result = run(List.of(CDK.toString(), "synth", "--quiet", "--no-notices", "--ci",
                "--output", out.toString(), "--app", app));
        synthOutput = result.output;
        assertEquals(0, result.exitCode, "cdk synth failed:\n" + result.output);
    }

    @Test
    void theCliSynthesizesTheAppWithZeroFindings() throws IOException {
        String template = Files.readString(out.resolve("JavaOrdersService.template.json"));
        assertEquals(4, count(template, "\"Type\": \"AWS::Lambda::Function\""));
        assertEquals(4, count(template, "\"Type\": \"AWS::Lambda::Alias\""));
        String report = Files.readString(out.resolve("validation-report.json"));
        // No plugin reported anything (aws-cdk-lib lists a plugin here only when it has something to say): no
        // finding and no unacknowledged warning. That the judges run at all is theJudgesOfTheAppFailAFinding.
        assertEquals(0, count(report, "\"conclusion\": \"failure\""), report);
        assertEquals(0, count(report, "\"violations\": [\n"), report);
        assertTrue(!synthOutput.contains("WARNING") && !synthOutput.contains("ERROR"), "the synth printed findings:\n" + synthOutput);
    }

    @Test
    void theJudgesOfTheAppFailAFinding() {
        // OrdersApp.judge registers cdk-nag's packs and ServerlessPatternsChecks; an older Java runtime is a finding
        // of all three (AwsSolutions-L1, Serverless-LambdaLatestVersion, SP-F2), so synth fails.
        App app = new App(AppProps.builder().outdir(out.resolve("judged").toString()).build());
        Stack stack = new Stack(app, "Judged");
        ServerlessFunction.Builder.create(stack, "Old").code(OrdersService.handlers()).runtime(Runtime.JAVA_21)
                .handler("com.example.orders.handlers.NightlyReport::handle").build();
        OrdersApp.judge(app);
        RuntimeException error = assertThrows(RuntimeException.class, app::synth);
        assertTrue(error.getMessage().contains("Validation failed"), error.getMessage());
    }

    @Test
    void theHandlersAssetHasTheHandlersAndNotTheApp() throws IOException {
        // OrdersService.handlers(): target/classes without the CDK app's classes, which Lambda does not need.
        List<Path> assets;
        try (Stream<Path> s = Files.list(out)) {
            assets = s.filter(p -> p.getFileName().toString().startsWith("asset.") && Files.isDirectory(p))
                    .collect(Collectors.toList());
        }
        assertEquals(1, assets.size(), "one asset for the four functions: " + assets);
        Path classes = assets.get(0).resolve("com/example/orders");
        assertTrue(Files.exists(classes.resolve("handlers/OrdersApi.class")));
        assertTrue(!Files.exists(classes.resolve("OrdersService.class")));
    }

    @Test
    void cfnLintFindsNothing() throws Exception {
        List<String> command = new ArrayList<>(List.of("cfn-lint", "--ignore-checks", "W3005", "--"));
        try (Stream<Path> s = Files.list(out)) {
            s.filter(p -> p.toString().endsWith(".template.json")).forEach(p -> command.add(p.toString()));
        }
        Result result = run(command);
        assertEquals(0, result.exitCode, result.output);
    }

    private static int count(final String text, final String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(final List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(new File(".")).redirectErrorStream(true);
        builder.environment().put("CI", "true");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(10, TimeUnit.MINUTES), "timed out: " + command);
        return new Result(process.exitValue(), output);
    }
}
