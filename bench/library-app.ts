/**
 * The benchmark's library side: every pattern once per stack, with its defaults. Inline code keeps
 * bundling out of the measurement (both sides use the same code).
 */
import { Stack, StackProps } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { Construct } from 'constructs';
import { CODE, createBenchNetwork } from './shared';
import { QueueWorker, S3Pipeline, ScheduledJob, ServerlessApi, VpcFunction } from 'cdk-serverless-patterns';

export class LibraryStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const code = lambda.Code.fromInline(CODE);
    const { vpc, database } = createBenchNetwork(this);

    new ServerlessApi(this, 'Api', { routes: { 'GET /items': { code } } });
    new QueueWorker(this, 'Worker', { functionProps: { code } });
    new ScheduledJob(this, 'Job', { schedule: scheduler.ScheduleExpression.cron({ hour: '2', minute: '0' }), functionProps: { code } });
    new S3Pipeline(this, 'Pipeline', { functionProps: { code } });
    new VpcFunction(this, 'Db', {
      functionProps: { code },
      vpc,
      database: { proxyTarget: rds.ProxyTarget.fromInstance(database), secret: database.secret!, user: 'app' },
    });
  }
}
