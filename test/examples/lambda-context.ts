import type { Context } from 'aws-lambda';

/** A Lambda context as the runtime passes it, for handler tests: the function's name, memory and time left. */
export function lambdaContext(functionName: string, memoryLimitInMB: number, remainingMs: number): Context {
  return {
    functionName,
    functionVersion: '1',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${functionName}:live`,
    memoryLimitInMB: String(memoryLimitInMB),
    awsRequestId: 'req-1',
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 's',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => remainingMs,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
