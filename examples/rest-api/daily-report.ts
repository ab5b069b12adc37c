import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

/** The day a report covers: `?day=YYYY-MM-DD`, or yesterday (UTC). */
export function reportDay(query: { [name: string]: string | undefined } | null, now = new Date()): string | undefined {
  const day = query?.day;
  if (day === undefined) return new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10);
  // Date.parse rolls 30 February over into March: a day is valid when it reads back the same.
  const parsed = Date.parse(`${day}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(parsed) && new Date(parsed).toISOString().slice(0, 10) === day ? day : undefined;
}

/** Served through IAM (SigV4) from the VPC function of the data stack. */
export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const day = reportDay(event.queryStringParameters);
  if (!day) return { statusCode: 400, body: JSON.stringify({ message: 'day must be YYYY-MM-DD' }) };
  return { statusCode: 200, body: JSON.stringify({ day, caller: event.requestContext.identity.userArn, orders: 0 }) };
}
