package com.example.orders;

import io.github.cdkserverlesspatterns.ApiAlarmsOptions;
import io.github.cdkserverlesspatterns.ApiRouteProps;
import io.github.cdkserverlesspatterns.ApiThrottleOptions;
import io.github.cdkserverlesspatterns.FunctionAlarmsOptions;
import io.github.cdkserverlesspatterns.QueueWorker;
import io.github.cdkserverlesspatterns.ScheduledJob;
import io.github.cdkserverlesspatterns.ServerlessApi;
import io.github.cdkserverlesspatterns.ServerlessFunction;
import io.github.cdkserverlesspatterns.ServerlessFunctionProps;
import java.nio.file.Path;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.TimeZone;
import software.amazon.awscdk.services.kms.Alias;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.s3.assets.AssetOptions;
import software.amazon.awscdk.services.scheduler.CronOptionsWithTimezone;
import software.amazon.awscdk.services.scheduler.ScheduleExpression;
import software.amazon.awscdk.services.sns.Topic;
import software.constructs.Construct;

/**
 * An orders service, written in Java the way a Java team would: an HTTP API with a function per route, a queue
 * worker that fulfils orders and a nightly report, every function a plain Java method (package handlers).
 *
 * <p>The library is used exactly as from TypeScript, with jsii's Java spellings: a {@code Builder} per construct
 * and struct ({@code ServerlessApi.Builder.create(this, "OrdersApi")...build()}, {@code ApiRouteProps.builder()}),
 * getters for properties ({@code api.getHttpApi()}), and {@code addRoute(routeKey, props)} returning the route's
 * {@link ServerlessFunction}. Java functions get SnapStart by default (BP-F18): the alias points at the snapshotted
 * version.
 */
public class OrdersService extends Stack {
    /** Where Maven compiles the handlers (and the app): the functions' code, without the app's own classes. */
    static final Path CLASSES = Path.of("target", "classes");
    /** The newest Java runtime that Lambda's runtime list and CloudFormation's schema know. */
    static final Runtime RUNTIME = Runtime.JAVA_25;

    private final ServerlessApi api;
    private final QueueWorker fulfilment;
    private final ScheduledJob nightlyReport;

    public OrdersService(final Construct scope, final String id) {
        this(scope, id, null);
    }

    public OrdersService(final Construct scope, final String id, final StackProps props) {
        super(scope, id, StackProps.builder()
                .description("cdk-serverless-patterns example: a Java orders service")
                .env(props == null ? null : props.getEnv())
                .build());

        Topic alerts = Topic.Builder.create(this, "Alerts")
                .masterKey(Alias.fromAliasName(this, "SnsKey", "alias/aws/sns"))
                .enforceSsl(true)
                .build();
        FunctionAlarmsOptions alarms = FunctionAlarmsOptions.builder().topic(alerts).build();

        api = ServerlessApi.Builder.create(this, "OrdersApi")
                .throttle(ApiThrottleOptions.builder().rateLimit(50).burstLimit(100).build())
                .alarms(ApiAlarmsOptions.builder().topic(alerts).build())
                .functionDefaults(ServerlessFunctionProps.builder().alarms(alarms).build())
                .build();
        api.addRoute("GET /orders/{id}", ApiRouteProps.builder()
                .code(handlers()).runtime(RUNTIME).handler("com.example.orders.handlers.OrdersApi::getOrder")
                .build());
        ServerlessFunction createOrder = api.addRoute("POST /orders", ApiRouteProps.builder()
                .code(handlers()).runtime(RUNTIME).handler("com.example.orders.handlers.OrdersApi::createOrder")
                .memorySize(2048)
                .build());

        fulfilment = QueueWorker.Builder.create(this, "Fulfilment")
                .functionProps(ServerlessFunctionProps.builder()
                        .code(handlers()).runtime(RUNTIME).handler("com.example.orders.handlers.Fulfilment::handle")
                        .timeout(Duration.seconds(20))
                        .alarms(alarms)
                        .build())
                .batchSize(10)
                .maxConcurrency(5)
                .build();
        // The POST route enqueues the order: send permission on the queue for that route's function only.
        fulfilment.getQueue().grantSendMessages(createOrder);
        createOrder.addEnvironment("QUEUE_URL", fulfilment.getQueue().getQueueUrl());

        nightlyReport = ScheduledJob.Builder.create(this, "NightlyReport")
                .schedule(ScheduleExpression.cron(CronOptionsWithTimezone.builder().hour("2").minute("30").build()))
                .timeZone(TimeZone.EUROPE_BERLIN)
                .functionProps(ServerlessFunctionProps.builder()
                        .code(handlers()).runtime(RUNTIME).handler("com.example.orders.handlers.NightlyReport::handle")
                        .alarms(alarms)
                        .build())
                .build();
    }

    /** The compiled handlers: target/classes without the CDK app's own classes (com/example/orders/*.class). */
    static Code handlers() {
        return Code.fromAsset(CLASSES.toString(), AssetOptions.builder()
                .exclude(List.of("com/example/orders/*.class", "META-INF"))
                .build());
    }

    public ServerlessApi getApi() {
        return api;
    }

    public QueueWorker getFulfilment() {
        return fulfilment;
    }

    public ScheduledJob getNightlyReport() {
        return nightlyReport;
    }
}
