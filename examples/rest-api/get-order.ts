import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

/** Cognito put the verified claims in the request context; the user pool's `sub` owns the order. */
export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const id = event.pathParameters?.id;
  const owner = event.requestContext.authorizer?.claims?.sub as string | undefined;
  if (!id || !owner) return { statusCode: 400, body: JSON.stringify({ message: 'order id and caller required' }) };
  return { statusCode: 200, body: JSON.stringify({ id, owner, status: 'PAID' }) };
}
