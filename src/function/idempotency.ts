import { Duration, Lazy, RemovalPolicy, Token } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { checkDurationRange, fail, isKnown, secondsOf } from '../private/validation';

/**
 * An idempotency store for Powertools for AWS Lambda's idempotency utility (BP-I1–I4): a DynamoDB table with
 * partition key `id` and TTL on `expiration`, and a window that covers the function's retry window.
 */
export interface IdempotencyOptions {
  /**
   * An existing table in the shape Powertools expects (partition key `id` of type string, no sort key, TTL on
   * `expiration`); several functions may share one (Powertools prefixes every key with the function name, BP-I4).
   * A table defined in this app is checked.
   * @default - a table is created: on-demand, point-in-time recovery, encrypted, retained on stack deletion
   */
  readonly table?: dynamodb.ITable;
  /**
   * How long a result is remembered. Shorter than the function's retry window fails synth (BP-I3): a retry that
   * arrives after the record expired runs the work twice.
   * @default - 1 hour (Powertools' default), or the function's retry window when that is longer
   */
  readonly expiresAfter?: Duration;
}

/** The variables a function with idempotency gets (BP-I2): read them in the handler, as the examples do. */
export const IDEMPOTENCY_ENVIRONMENT = {
  /** The table's name, for `new DynamoDBPersistenceLayer({ tableName })`. */
  tableName: 'IDEMPOTENCY_TABLE_NAME',
  /** The window in seconds, for `new IdempotencyConfig({ expiresAfterSeconds })`. */
  expiresAfterSeconds: 'IDEMPOTENCY_EXPIRES_AFTER_SECONDS',
};

/** Powertools' defaults: 1 hour; key attribute `id`; TTL attribute `expiration`. */
export const IDEMPOTENCY_DEFAULTS = { expiresAfter: Duration.hours(1), keyAttribute: 'id', expiryAttribute: 'expiration' };
/** DynamoDB table names are at most 255 characters: counted in the 4 KB (BP-F12). */
const TABLE_NAME_MAX = 255;
/** Exactly the item actions Powertools' DynamoDB persistence layer uses (BP-I2). */
const ITEM_ACTIONS = ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'];

/** What the store needs of its function. */
export interface IdempotentFunction {
  readonly grantPrincipal: iam.IPrincipal;
  _addBoundedEnvironment(key: string, value: string, maxBytes: number): unknown;
}

/** The store of one function: its table, its window, and the retry windows the window must cover (BP-I1–I4). */
export class IdempotencyStore {
  public readonly table: dynamodb.ITable;
  private readonly given?: Duration;
  private readonly windows: { seconds: number; source: string }[] = [];

  constructor(private readonly scope: Construct, fn: IdempotentFunction, o: IdempotencyOptions) {
    checkDurationRange(scope, o.expiresAfter, { prop: 'idempotency.expiresAfter', min: 1, max: 366 * 86_400, rule: 'I3', integer: true });
    if (o.table) checkTableShape(scope, o.table);
    this.given = o.expiresAfter;
    this.table = o.table ?? new dynamodb.Table(scope, 'IdempotencyTable', {
      partitionKey: { name: IDEMPOTENCY_DEFAULTS.keyAttribute, type: dynamodb.AttributeType.STRING },
      timeToLiveAttribute: IDEMPOTENCY_DEFAULTS.expiryAttribute,
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Item actions on this table only (BP-I2); its key, if it has one of its own.
    iam.Grant.addToPrincipal({ grantee: fn, actions: ITEM_ACTIONS, resourceArns: [this.table.tableArn] });
    this.table.encryptionKey?.grantEncryptDecrypt(fn);
    fn._addBoundedEnvironment(IDEMPOTENCY_ENVIRONMENT.tableName, this.table.tableName, TABLE_NAME_MAX);
    // Known once every trigger has registered its retry window; at most 8 digits (366 days in seconds).
    fn._addBoundedEnvironment(IDEMPOTENCY_ENVIRONMENT.expiresAfterSeconds, Lazy.string({ produce: () => String(this.window.toSeconds()) }), 8);
  }

  /** The window: the one given, else 1 hour or the longest retry window registered. */
  public get window(): Duration {
    if (this.given) return this.given;
    const longest = Math.max(IDEMPOTENCY_DEFAULTS.expiresAfter.toSeconds(), ...this.windows.map(w => w.seconds));
    return Duration.seconds(Math.ceil(longest));
  }

  /**
   * Registers a retry window of the function (BP-I3): a given window shorter than it fails synth, with the
   * numbers and the fix; the default window grows to cover it.
   */
  public requireWindow(retryWindow: Duration | undefined, source: string): void {
    if (!isKnown(retryWindow)) return;
    const seconds = secondsOf(retryWindow);
    this.windows.push({ seconds, source });
    if (isKnown(this.given) && secondsOf(this.given) < seconds) {
      fail(this.scope, {
        rule: 'I3',
        prop: 'idempotency.expiresAfter',
        value: `${secondsOf(this.given)} s, shorter than the retry window of ${seconds} s (${source})`,
        allowed: 'a window at least as long as every retry window of the function: a retry after the record expired runs the work twice',
        fix: `raise expiresAfter to Duration.seconds(${Math.ceil(seconds)}) or more, or remove it (the window is derived).`,
      });
    }
  }
}

/** A table of this app must have Powertools' shape (BP-I1); an imported one cannot be checked. */
function checkTableShape(scope: Construct, table: dynamodb.ITable): void {
  const cfn = table.node.defaultChild;
  if (!(cfn instanceof dynamodb.CfnTable) && !(cfn instanceof dynamodb.CfnGlobalTable)) return;
  const keys = (cfn.keySchema ?? []) as dynamodb.CfnTable.KeySchemaProperty[];
  const ttl = cfn.timeToLiveSpecification as dynamodb.CfnTable.TimeToLiveSpecificationProperty | undefined;
  if (Token.isUnresolved(keys) || Token.isUnresolved(ttl)) return;
  const problems: string[] = [];
  if (keys.length !== 1 || keys[0].attributeName !== IDEMPOTENCY_DEFAULTS.keyAttribute || keys[0].keyType !== 'HASH') {
    problems.push(`key ${keys.map(k => `${k.attributeName} (${k.keyType})`).join(' + ') || 'unknown'}`);
  }
  if (!ttl || ttl.attributeName !== IDEMPOTENCY_DEFAULTS.expiryAttribute || ttl.enabled === false) {
    problems.push(ttl ? `TTL on '${ttl.attributeName}'` : 'no TTL');
  }
  if (problems.length === 0) return;
  fail(scope, {
    rule: 'I1',
    prop: 'idempotency.table',
    value: `a table with ${problems.join(' and ')}`,
    allowed: 'the shape Powertools expects: partition key id (string), no sort key, TTL on expiration',
    fix: 'create it with partitionKey { name: \'id\', type: STRING } and timeToLiveAttribute: \'expiration\', or omit table to have one created.',
  });
}
