import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

/** The Lambda authorizer's `context.caller` arrives in `requestContext.authorizer`. */
export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const caller = event.requestContext.authorizer?.caller as string | undefined;
  let order: { sku?: unknown; quantity?: unknown };
  try {
    order = JSON.parse(event.body ?? '{}');
  } catch {
    return { statusCode: 400, body: JSON.stringify({ message: 'body is not JSON' }) };
  }
  if (typeof order.sku !== 'string' || typeof order.quantity !== 'number' || order.quantity < 1) {
    return { statusCode: 422, body: JSON.stringify({ message: 'sku (string) and quantity (>= 1) required' }) };
  }
  return { statusCode: 201, body: JSON.stringify({ id: `${caller}-${order.sku}`, caller, sku: order.sku, quantity: order.quantity }) };
}
