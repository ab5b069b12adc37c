// The public API: constructs, their props and options. Nothing else is exported.
export { ServerlessFunction } from './function/serverless-function';
export type { ServerlessFunctionProps } from './function/serverless-function';
export type { FunctionAlarmsOptions, AlarmSpec } from './function/alarms';
export type { GradualDeploymentOptions } from './function/deployment';
export type { ProvisionedConcurrencyOptions, ProvisionedConcurrencySchedule } from './function/provisioned-concurrency';
export { QueueWorker } from './queue/queue-worker';
export type { QueueWorkerProps } from './queue/queue-worker';
export { ScheduledJob } from './schedule/scheduled-job';
export type { ScheduledJobProps } from './schedule/scheduled-job';
export { ServerlessApi } from './api/serverless-api';
export type { ServerlessApiProps, ApiThrottleOptions, ApiAlarmsOptions, RouteOptions } from './api/serverless-api';
export { ApiAuthorization } from './api/authorization';
export type { JwtAuthorizationOptions } from './api/authorization';
export type { ApiCorsOptions } from './api/cors';
export { VpcFunction } from './vpc/vpc-function';
export type { VpcFunctionProps } from './vpc/vpc-function';
export type { DatabaseProxyOptions, ExistingProxyOptions } from './vpc/database';
