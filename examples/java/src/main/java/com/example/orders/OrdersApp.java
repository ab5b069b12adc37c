package com.example.orders;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.ServerlessChecks;
import io.github.cdkserverlesspatterns.ServerlessPatternsChecks;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Validations;

/** The CDK app: `npx cdk synth` in this folder runs it (cdk.json: `mvn -e -q compile exec:java`). */
public final class OrdersApp {
    private OrdersApp() {
    }

    public static void main(final String[] args) {
        App app = new App();
        new OrdersService(app, "JavaOrdersService");
        judge(app);
        app.synth();
    }

    /** The same judges as every TypeScript example: a finding fails `cdk synth`. */
    static void judge(final App app) {
        Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app), new ServerlessPatternsChecks());
    }
}
