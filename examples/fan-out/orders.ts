/** The order every subscriber receives, and how it is told apart from other messages of the topic. */
export interface Order {
  readonly orderId: string;
  readonly customerEmail: string;
  readonly amount: number;
}

/** Parses and checks an order; throws for a message that can never succeed. */
export function parseOrder(json: string): Order {
  const order = JSON.parse(json) as Partial<Order>;
  if (typeof order.orderId !== 'string' || order.orderId === '') throw new Error('orderId is missing');
  if (typeof order.customerEmail !== 'string' || !order.customerEmail.includes('@')) throw new Error(`order ${order.orderId}: customerEmail is not an address`);
  if (typeof order.amount !== 'number' || !(order.amount > 0)) throw new Error(`order ${order.orderId}: amount must be a positive number`);
  return order as Order;
}
