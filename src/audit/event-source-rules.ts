import { AuditModel, AuditResource } from './model';
import { AuditRule, Finding, functionOf } from './rule';

const mappings = (m: AuditModel, type: string) => m.ofType('AWS::Lambda::EventSourceMapping').flatMap(esm => {
  const source = m.target(esm, esm.props.EventSourceArn)?.resource;
  const kind = source?.type ?? (JSON.stringify(esm.props.EventSourceArn ?? '').match(/:(sqs|kinesis|dynamodb):/)?.[1] ?? 'unknown');
  const matches = source ? source.type === type : `AWS::${({ sqs: 'SQS::Queue', kinesis: 'Kinesis::Stream', dynamodb: 'DynamoDB::Table' } as Record<string, string>)[kind] ?? ''}` === type;
  return matches ? [{ esm, source }] : [];
});
const streams = (m: AuditModel) => [...mappings(m, 'AWS::Kinesis::Stream'), ...mappings(m, 'AWS::DynamoDB::Table')].map(x => x.esm);
const sqs = (m: AuditModel) => mappings(m, 'AWS::SQS::Queue');
const reportsFailures = (esm: AuditResource) => (esm.props.FunctionResponseTypes ?? []).includes('ReportBatchItemFailures');

/** Rules about queues and streams consumed by functions, across the mapping, the queue and the function (BP-Q1–Q5, K2–K5). */
export const EVENT_SOURCE_RULES: AuditRule[] = [
  {
    id: 'SP-Q1',
    severity: 'error',
    why: 'a consumed queue needs a dead-letter queue after at least 5 receives: otherwise a poison message is retried until it expires, or a throttled one lands in the DLQ early.',
    fix: 'give the queue deadLetterQueue: { queue: dlq, maxReceiveCount: 5 }.',
    check: m => sqs(m).flatMap(({ esm, source }): Finding[] => {
      if (!source) return [{ resource: esm, detail: 'it consumes a queue defined elsewhere: its dead-letter queue could not be checked', location: 'Properties.EventSourceArn', unknown: true }];
      const count = source.props.RedrivePolicy?.maxReceiveCount;
      if (count === undefined) return [{ resource: source, detail: 'the queue a function consumes has no dead-letter queue', location: 'Properties.RedrivePolicy' }];
      return typeof count === 'number' && count < 5 ? [{ resource: source, detail: `maxReceiveCount is ${count}`, location: 'Properties.RedrivePolicy' }] : [];
    }),
  },
  {
    id: 'SP-Q2',
    severity: 'error',
    why: 'the visibility timeout must be at least 6 × the consumer\'s timeout + the batching window (AWS Lambda docs); less makes the deployment fail, or messages reappear while they are still being processed and run twice.',
    fix: 'raise the queue\'s visibilityTimeout to 6 × the function timeout + the maximum batching window.',
    check: m => sqs(m).flatMap(({ esm, source }): Finding[] => {
      const fn = functionOf(m, esm, esm.props.FunctionName);
      if (!source || !fn) return [{ resource: esm, detail: 'its queue or function is defined elsewhere: the visibility timeout could not be checked', location: 'Properties.EventSourceArn', unknown: true }];
      const visibility = source.props.VisibilityTimeout ?? 30;
      const timeout = fn.props.Timeout ?? 3;
      const window = esm.props.MaximumBatchingWindowInSeconds ?? 0;
      if ([visibility, timeout, window].some(v => typeof v !== 'number')) {
        return [{ resource: source, detail: 'the visibility timeout or the function timeout is a token: it could not be checked', location: 'Properties.VisibilityTimeout', unknown: true }];
      }
      const required = 6 * timeout + window;
      return visibility < required ? [{ resource: source, detail: `the visibility timeout is ${visibility} s; ${fn.logicalId} needs at least ${required} s (6 × ${timeout} s + ${window} s)`, location: 'Properties.VisibilityTimeout' }] : [];
    }),
  },
  {
    id: 'SP-Q3',
    severity: 'error',
    why: 'without partial batch responses one failed message makes the whole batch visible again, and the others run twice.',
    fix: 'set reportBatchItemFailures: true and return batchItemFailures from the handler (Powertools\' batch processor does).',
    check: m => [...sqs(m).map(x => x.esm)].filter(esm => !reportsFailures(esm))
      .map(esm => ({ resource: esm, detail: 'ReportBatchItemFailures is off', location: 'Properties.FunctionResponseTypes' })),
  },
  {
    id: 'SP-Q5',
    severity: 'error',
    why: 'without maximum concurrency an SQS event source scales to 1,000 concurrent functions and takes down what they call.',
    fix: 'set maxConcurrency (2–1,000) on the event source.',
    check: m => sqs(m).map(x => x.esm).filter(esm => esm.props.ScalingConfig?.MaximumConcurrency === undefined)
      .map(esm => ({ resource: esm, detail: 'no maximum concurrency', location: 'Properties.ScalingConfig' })),
  },
  {
    id: 'SP-K2',
    severity: 'error',
    why: 'without bisect on error one poison record holds up its whole shard until the retries run out.',
    fix: 'set bisectBatchOnError: true.',
    check: m => streams(m).filter(esm => esm.props.BisectBatchOnFunctionError !== true)
      .map(esm => ({ resource: esm, detail: 'bisect on error is off', location: 'Properties.BisectBatchOnFunctionError' })),
  },
  {
    id: 'SP-K3',
    severity: 'error',
    why: 'stream mappings retry until the record expires by default (up to a week on Kinesis), and everything behind it in the shard waits.',
    fix: 'set retryAttempts (e.g. 3) and maxRecordAge (e.g. 1 hour).',
    check: m => streams(m).flatMap((esm): Finding[] => {
      const out: Finding[] = [];
      const retries = esm.props.MaximumRetryAttempts;
      const age = esm.props.MaximumRecordAgeInSeconds;
      if (retries === undefined || retries === -1) out.push({ resource: esm, detail: 'retries are infinite', location: 'Properties.MaximumRetryAttempts' });
      if (age === undefined || age === -1) out.push({ resource: esm, detail: 'the record age is infinite', location: 'Properties.MaximumRecordAgeInSeconds' });
      return out;
    }),
  },
  {
    id: 'SP-K4',
    severity: 'error',
    why: 'records that still fail after the retries are lost without an on-failure destination.',
    fix: 'set onFailure: new SqsDlq(queue) on the event source.',
    check: m => streams(m).filter(esm => !esm.props.DestinationConfig?.OnFailure?.Destination)
      .map(esm => ({ resource: esm, detail: 'no on-failure destination', location: 'Properties.DestinationConfig' })),
  },
  {
    id: 'SP-K5',
    severity: 'error',
    why: 'without partial batch responses a failure retries the whole batch, and the records before it run twice.',
    fix: 'set reportBatchItemFailures: true and return batchItemFailures from the handler.',
    check: m => streams(m).filter(esm => !reportsFailures(esm))
      .map(esm => ({ resource: esm, detail: 'ReportBatchItemFailures is off', location: 'Properties.FunctionResponseTypes' })),
  },
];
