import type { APIGatewayAuthorizerResult, APIGatewayTokenAuthorizerEvent } from 'aws-lambda';

/** The tokens this example accepts: `Bearer <caller>.<signature>`, signed with a shared secret in a real service. */
export function callerOf(authorizationToken: string): string | undefined {
  const match = /^Bearer ([a-z0-9-]+)\.([a-f0-9]{8,})$/.exec(authorizationToken);
  return match ? match[1] : undefined;
}

/**
 * A REST TOKEN authorizer: API Gateway caches the answer per token (5 minutes), so the policy allows every method of
 * the stage, not only the one called (a narrower policy would deny the next route from the cache).
 */
export async function handler(event: APIGatewayTokenAuthorizerEvent): Promise<APIGatewayAuthorizerResult> {
  const caller = callerOf(event.authorizationToken);
  if (!caller) throw new Error('Unauthorized'); // API Gateway answers 401
  const [arnPrefix, stage] = event.methodArn.split('/');
  return {
    principalId: caller,
    policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: `${arnPrefix}/${stage}/*` }] },
    context: { caller },
  };
}
