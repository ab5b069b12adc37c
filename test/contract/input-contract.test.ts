/**
 * The input contract, tested by generation (BP-X2, X4): for generated props of every construct — valid,
 * boundary and invalid values, fractions, tokens, imported resources, combinations — each case either
 * synthesizes (zero unacknowledged cdk-nag findings unless the user opted out and the library said so in a
 * warning; every value set present in the template; a sample through cfn-lint) or fails with the library's
 * error (a rule tag, a prop the user set, a fix). Fixed seed: the same cases every run. A failing case is
 * printed by fast-check as its JSON spec — the reproducer — with the seed and path to replay it.
 */
import * as fc from 'fast-check';
import {
  Built, buildApi, buildEdge, buildEvent, buildPublicUrl, edgeFunction, publicFunctionUrl,
  buildFanOut, buildFunction, buildJob, buildPipeline, buildQueue, buildStream, buildTopic, buildVpc,
  buildRest, eventWorker, fanOut, serverlessRestApi, topicWorker,
  queueWorker, s3Pipeline, scheduledJob, serverlessApi, serverlessFunction, streamWorker, vpcFunction,
} from './generators';
import { runCase, verdictOf } from './oracle';
import { cfnLint } from '../judges';

const SEED = 20261130;
jest.setTimeout(240_000);

/** Every template that synthesized, one in `every` kept for a single cfn-lint run at the end. */
const sampled: string[] = [];
const tally: { [construct: string]: { cases: number; synthesized: number; refused: number } } = {};

function check<T>(construct: string, arbitrary: fc.Arbitrary<T>, build: (spec: T) => Built, numRuns: number): void {
  const t = (tally[construct] = { cases: 0, synthesized: 0, refused: 0 });
  fc.assert(fc.property(arbitrary, spec => {
    const built = build(spec);
    const outcome = runCase(built.build);
    t.cases++;
    if (outcome.refused !== undefined) t.refused++; else t.synthesized++;
    if (outcome.templatePath && t.synthesized % 16 === 1) sampled.push(outcome.templatePath);
    const wrong = verdictOf(outcome, built.set, built.facts);
    if (wrong) throw new Error(`${construct}: ${wrong}`);
  }), { seed: SEED, numRuns, endOnFailure: true });
}

describe('the input contract, by generation (BP-X4)', () => {
  test('ServerlessFunction', () => check('ServerlessFunction', serverlessFunction, buildFunction, 400));
  test('QueueWorker', () => check('QueueWorker', queueWorker, buildQueue, 200));
  test('ScheduledJob', () => check('ScheduledJob', scheduledJob, buildJob, 200));
  test('ServerlessApi', () => check('ServerlessApi', serverlessApi, buildApi, 150));
  test('ServerlessRestApi', () => check('ServerlessRestApi', serverlessRestApi, buildRest, 120));
  test('VpcFunction', () => check('VpcFunction', vpcFunction, buildVpc, 100));
  test('S3Pipeline', () => check('S3Pipeline', s3Pipeline, buildPipeline, 100));
  test('StreamWorker', () => check('StreamWorker', streamWorker, buildStream, 100));
  test('EventWorker', () => check('EventWorker', eventWorker, buildEvent, 100));
  test('TopicWorker', () => check('TopicWorker', topicWorker, buildTopic, 100));
  test('EdgeFunction', () => check('EdgeFunction', edgeFunction, buildEdge, 150));
  test('PublicFunctionUrl', () => check('PublicFunctionUrl', publicFunctionUrl, buildPublicUrl, 150));
  test('QueueWorker.subscribeTo / subscribeToEvents', () => check('QueueWorker fan-out', fanOut, buildFanOut, 100));

  test('BP-X3: a sample of the synthesized templates passes cfn-lint', () => {
    expect(sampled.length).toBeGreaterThan(5);
    expect(cfnLint(sampled)).toEqual([]);
  });

  afterAll(() => {
    const total = Object.values(tally).reduce((a, t) => a + t.cases, 0);
    process.stdout.write(`input contract: ${total} generated cases (seed ${SEED}) — ${Object.entries(tally)
      .map(([c, t]) => `${c} ${t.cases} (${t.synthesized} synthesized, ${t.refused} refused)`).join('; ')}; ${sampled.length} templates through cfn-lint\n`);
  });
});
