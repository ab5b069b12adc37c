import { Logger } from '@aws-lambda-powertools/logger';

// Created once per execution environment, outside the handler, and reused by every invocation.
const logger = new Logger({ serviceName: 'greeter' });

export interface GreetingRequest {
  readonly name?: string;
}

export interface GreetingResponse {
  readonly message: string;
}

/** Greets by name. The logger writes JSON, matching the function's JSON log format (BP-F6). */
export const handler = async (event: GreetingRequest): Promise<GreetingResponse> => {
  const name = typeof event?.name === 'string' && event.name.trim() !== '' ? event.name.trim() : 'world';
  logger.info('greeting', { name });
  return { message: `${process.env.GREETING ?? 'Hello'}, ${name}!` };
};
