import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

/** API Gateway checked the key against the usage plan; its ID tells which partner called. */
export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const partner = event.requestContext.identity.apiKeyId;
  const since = event.queryStringParameters?.since ?? '1970-01-01';
  return { statusCode: 200, body: JSON.stringify({ partner, since, orders: [] }) };
}
