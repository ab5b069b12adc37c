/**
 * The benchmark's floor: the same infrastructure as library-app.ts, written by hand with aws-cdk-lib
 * L2 constructs the way a skilled engineer would (one local helper for the function every pattern
 * needs). Kept feature-equal: test/bench/feature-equal.test.ts compares the resource counts.
 */
import { Duration, Names, Stack, StackProps } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as authorizers from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as events from 'aws-cdk-lib/aws-events';
import * as eventTargets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { CODE, createBenchNetwork } from './shared';

interface FnOptions {
  readonly timeout: Duration;
  readonly reserved?: number;
  readonly onFailure?: sqs.IQueue;
  readonly vpc?: { vpc: ec2.IVpc; securityGroup: ec2.ISecurityGroup };
}

/** Role, log group, function, version, alias and three alarms: what every function here needs. */
function fn(scope: Construct, id: string, o: FnOptions): { alias: lambda.Alias; fn: lambda.Function; role: iam.Role } {
  const role = new iam.Role(scope, `${id}Role`, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  const logGroup = new logs.LogGroup(scope, `${id}Logs`, { retention: logs.RetentionDays.ONE_MONTH });
  role.addToPolicy(new iam.PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn] }));
  if (o.vpc) {
    role.addToPolicy(new iam.PolicyStatement({
      actions: ['ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets', 'ec2:DeleteNetworkInterface',
        'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses'],
      resources: ['*'],
    }));
  }
  const f = new lambda.Function(scope, id, {
    code: lambda.Code.fromInline(CODE),
    handler: 'index.handler',
    runtime: lambda.Runtime.NODEJS_24_X,
    architecture: lambda.Architecture.ARM_64,
    memorySize: 1024,
    timeout: o.timeout,
    tracing: lambda.Tracing.ACTIVE,
    role,
    logGroup,
    loggingFormat: lambda.LoggingFormat.JSON,
    applicationLogLevelV2: lambda.ApplicationLogLevel.INFO,
    systemLogLevelV2: lambda.SystemLogLevel.INFO,
    recursiveLoop: lambda.RecursiveLoop.TERMINATE,
    reservedConcurrentExecutions: o.reserved,
    vpc: o.vpc?.vpc,
    vpcSubnets: o.vpc ? { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } : undefined,
    securityGroups: o.vpc ? [o.vpc.securityGroup] : undefined,
  });
  const alias = new lambda.Alias(scope, `${id}Alias`, { aliasName: 'live', version: f.currentVersion });
  const alarm = (name: string, metric: cloudwatch.IMetric, threshold: number) => new cloudwatch.Alarm(scope, `${id}${name}`, {
    metric,
    threshold,
    evaluationPeriods: 1,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  });
  const period = Duration.minutes(5);
  alarm('Errors', f.metricErrors({ period }), 1);
  alarm('Throttles', f.metricThrottles({ period }), 1);
  alarm('Duration', f.metricDuration({ period, statistic: 'p99' }), o.timeout.toMilliseconds() * 0.8);
  if (o.onFailure) {
    alias.configureAsyncInvoke({ onFailure: new destinations.SqsDestination(o.onFailure), retryAttempts: 2 });
    alarm('AsyncDropped', f.metric('AsyncEventsDropped', { period, statistic: 'Sum' }), 1);
    alarm('DeliveryFailures', f.metric('DestinationDeliveryFailures', { period, statistic: 'Sum' }), 1);
  }
  return { alias, fn: f, role };
}

function queue(scope: Construct, id: string, props: sqs.QueueProps = {}): sqs.Queue {
  return new sqs.Queue(scope, id, { encryption: sqs.QueueEncryption.SQS_MANAGED, enforceSSL: true, ...props });
}

/** A queue with its DLQ (redrive allowed only from the queue) consumed by a function's alias. */
function worker(scope: Construct, id: string): { queue: sqs.Queue; dlq: sqs.Queue; fn: ReturnType<typeof fn> } {
  const name = Names.uniqueResourceName(scope, { maxLength: 60 }) + id;
  const dlq = queue(scope, `${id}Dlq`, {
    retentionPeriod: Duration.days(14),
    redriveAllowPolicy: { redrivePermission: sqs.RedrivePermission.BY_QUEUE, sourceQueues: [sqs.Queue.fromQueueArn(scope, `${id}Src`, Stack.of(scope).formatArn({ service: 'sqs', resource: name }))] },
  });
  const q = queue(scope, `${id}Queue`, { queueName: name, visibilityTimeout: Duration.seconds(180), deadLetterQueue: { queue: dlq, maxReceiveCount: 5 } });
  const f = fn(scope, `${id}Fn`, { timeout: Duration.seconds(30) });
  f.alias.addEventSource(new sources.SqsEventSource(q, { batchSize: 10, maxConcurrency: 10, reportBatchItemFailures: true }));
  new cloudwatch.Alarm(scope, `${id}DlqAlarm`, { metric: dlq.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum' }), threshold: 1, evaluationPeriods: 1 });
  new cloudwatch.Alarm(scope, `${id}AgeAlarm`, { metric: q.metricApproximateAgeOfOldestMessage({ statistic: 'Maximum' }), threshold: 900, evaluationPeriods: 1 });
  return { queue: q, dlq, fn: f };
}

function bucket(scope: Construct, id: string, accessLogs?: s3.IBucket): s3.Bucket {
  return new s3.Bucket(scope, id, {
    encryption: s3.BucketEncryption.S3_MANAGED,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    versioned: true,
    serverAccessLogsBucket: accessLogs,
    serverAccessLogsPrefix: accessLogs ? `${id}/` : undefined,
  });
}

export class HandwrittenStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const { vpc, database } = createBenchNetwork(this);

    // HTTP API, one route, IAM auth, throttling, access logs, two alarms
    const api = new apigwv2.HttpApi(this, 'Api', { createDefaultStage: false });
    const accessLogs = new logs.LogGroup(this, 'ApiLogs', { retention: logs.RetentionDays.ONE_MONTH });
    new apigwv2.HttpStage(this, 'Stage', {
      httpApi: api,
      autoDeploy: true,
      throttle: { rateLimit: 100, burstLimit: 200 },
      detailedMetricsEnabled: true,
      accessLogSettings: { destination: new apigwv2.LogGroupLogDestination(accessLogs), format: apigw.AccessLogFormat.jsonWithStandardFields() },
    });
    const route = fn(this, 'ApiFn', { timeout: Duration.seconds(10) });
    api.addRoutes({
      path: '/items',
      methods: [apigwv2.HttpMethod.GET],
      authorizer: new authorizers.HttpIamAuthorizer(),
      integration: new integrations.HttpLambdaIntegration('Integration', route.alias),
    });
    new cloudwatch.Alarm(this, 'Api5xx', {
      metric: new cloudwatch.MathExpression({
        expression: 'IF(requests > 0, 100 * errors / requests, 0)',
        usingMetrics: { errors: api.metricServerError({ statistic: 'Sum' }), requests: api.metricCount({ statistic: 'SampleCount' }) },
      }),
      threshold: 1,
      evaluationPeriods: 1,
    });
    new cloudwatch.Alarm(this, 'ApiLatency', { metric: api.metricLatency({ statistic: 'p99' }), threshold: 3000, evaluationPeriods: 1 });

    // Queue worker
    worker(this, 'Worker');

    // Scheduled job: one DLQ for undeliverable and failed runs, no overlap
    const jobDlq = queue(this, 'JobDlq', { retentionPeriod: Duration.days(14) });
    const job = fn(this, 'JobFn', { timeout: Duration.minutes(5), reserved: 1, onFailure: jobDlq });
    new scheduler.Schedule(this, 'Schedule', {
      schedule: scheduler.ScheduleExpression.cron({ hour: '2', minute: '0' }),
      target: new schedulerTargets.LambdaInvoke(job.alias, { deadLetterQueue: jobDlq, retryAttempts: 3, maxEventAge: Duration.hours(1) }),
    });
    new cloudwatch.Alarm(this, 'JobDlqAlarm', { metric: jobDlq.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum' }), threshold: 1, evaluationPeriods: 1 });

    // S3 pipeline: buckets, EventBridge rule to a worker, exact permissions
    const logBucket = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, enforceSSL: true, versioned: true,
    });
    const input = bucket(this, 'Input', logBucket);
    (input.node.defaultChild as s3.CfnBucket).notificationConfiguration = { eventBridgeConfiguration: { eventBridgeEnabled: true } };
    const output = bucket(this, 'Output', logBucket);
    const pipe = worker(this, 'Pipe');
    pipe.fn.role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject', 's3:GetObjectVersion'], resources: [input.arnForObjects('*')] }));
    pipe.fn.role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [output.arnForObjects('*')] }));
    new events.Rule(this, 'ObjectCreated', {
      eventPattern: { source: ['aws.s3'], detailType: ['Object Created'], detail: { bucket: { name: [input.bucketName] } } },
      targets: [new eventTargets.SqsQueue(pipe.queue, { deadLetterQueue: pipe.dlq, retryAttempts: 185, maxEventAge: Duration.hours(24) })],
    });

    // VPC function with gateway endpoints and an RDS Proxy
    vpc.addGatewayEndpoint('S3Endpoint', { service: ec2.GatewayVpcEndpointAwsService.S3 });
    vpc.addGatewayEndpoint('DynamoDbEndpoint', { service: ec2.GatewayVpcEndpointAwsService.DYNAMODB });
    const sg = new ec2.SecurityGroup(this, 'FnSg', { vpc });
    const dbFn = fn(this, 'DbFn', { timeout: Duration.seconds(10), vpc: { vpc, securityGroup: sg } });
    const proxy = new rds.DatabaseProxy(this, 'Proxy', {
      proxyTarget: rds.ProxyTarget.fromInstance(database),
      secrets: [database.secret!],
      vpc,
      iamAuth: true,
      requireTLS: true,
      maxConnectionsPercent: 90,
      maxIdleConnectionsPercent: 50,
      borrowTimeout: Duration.seconds(30),
    });
    proxy.connections.allowFrom(sg, ec2.Port.tcp(5432));
    proxy.grantConnect(dbFn.fn, 'app');
    dbFn.fn.addEnvironment('DB_PROXY_ENDPOINT', proxy.endpoint);
    dbFn.fn.addEnvironment('DB_PORT', '5432');
    dbFn.fn.addEnvironment('DB_USER', 'app');
  }
}
