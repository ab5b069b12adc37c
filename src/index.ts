export * from './function/serverless-function';
export * from './function/alarms';
export * from './function/deployment';
export * from './function/provisioned-concurrency';
