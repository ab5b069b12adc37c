import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';

const logger = new Logger({ serviceName: 'orders-api' });

/** A JSON response in the payload format 2.0 shape (BP-A2). */
function json(statusCode: number, body: unknown): APIGatewayProxyResultV2 {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

/** GET /orders/{id} */
export const getOrder = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
  const id = event.pathParameters?.id;
  logger.appendKeys({ requestId: event.requestContext.requestId });
  if (!id || !/^[A-Za-z0-9-]{1,64}$/.test(id)) return json(400, { message: 'id must be 1-64 letters, digits or dashes' });
  logger.info('order read', { id });
  return json(200, { id, status: 'SHIPPED' });
};

/** POST /orders — the body arrives as a string (base64 when isBase64Encoded). */
export const createOrder = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
  logger.appendKeys({ requestId: event.requestContext.requestId });
  const raw = event.isBase64Encoded && event.body ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  let order: { item?: unknown; quantity?: unknown };
  try {
    order = JSON.parse(raw ?? '');
  } catch {
    return json(400, { message: 'the body must be JSON' });
  }
  if (typeof order.item !== 'string' || !Number.isInteger(order.quantity) || (order.quantity as number) < 1) {
    return json(422, { message: 'item (string) and quantity (integer >= 1) are required' });
  }
  const id = `ord-${event.requestContext.requestId}`;
  logger.info('order created', { id, item: order.item, quantity: order.quantity });
  return json(201, { id, item: order.item, quantity: order.quantity });
};
