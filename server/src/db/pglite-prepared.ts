import { parse, protocol, type PGlite } from '@electric-sql/pglite';

/**
 * Named prepared statements on the embedded PGlite, as the PostgreSQL pool has them (decision 010).
 * PGlite's own `query` parses and plans every statement on every execution; for the application's
 * statements that was more than half of the database's time (the demo seed: parse 21 %, bind with
 * its planning 35 % of ~14,000 statements). Here each distinct statement text is parsed once per
 * database and later executions only bind and execute. The protocol messages are PGlite's own
 * (its `protocol.serialize`), run under its own locks, and the rows come out of its own
 * `parseResults` with the parsers drizzle's PGlite driver uses, so callers see exactly the rows
 * `db.execute` gave them.
 */

/** drizzle's PGlite driver leaves timestamps, dates and intervals (and their arrays) as text */
const RAW_TEXT_TYPES = [1114, 1184, 1186, 1082, 1231, 1115, 1185, 1187, 1182];
const PARSERS = Object.fromEntries(RAW_TEXT_TYPES.map((oid) => [oid, (value: string) => value]));
/** statements with very many parameters (long id lists) are not kept, as on PostgreSQL */
const MAX_PARAMS = 64;
const MAX_STATEMENTS = 5000;

/** PGlite's locks: what its own `query` and a transaction's `query` take. */
interface Internals {
  _checkReady(): Promise<void>;
  _runExclusiveQuery<T>(fn: () => Promise<T>): Promise<T>;
  _runExclusiveTransaction<T>(fn: () => Promise<T>): Promise<T>;
  syncToFs(): Promise<void>;
  parsers: Record<number, (value: string, typeId?: number) => unknown>;
  serializers: Record<number, (value: unknown) => string>;
}

interface Statement {
  name: string;
  paramTypes: number[];
}

const statements = new WeakMap<PGlite, Map<string, Statement>>();
let named = 0;

/** A transaction handed out by `client.transaction` knows the database it runs on. */
const owners = new WeakMap<object, PGlite>();

/** Lets `preparedQuery` recognise the transactions of `client` (called once, when the database opens). */
export function trackTransactions(client: PGlite): void {
  const transaction = client.transaction.bind(client);
  client.transaction = ((fn: (tx: object) => Promise<unknown>) =>
    transaction((tx) => {
      owners.set(tx, client);
      return fn(tx);
    })) as PGlite['transaction'];
}

/** The PGlite behind a drizzle handle (the database itself, or one of its transactions), if any. */
export function pgliteOf(client: unknown): { pglite: PGlite; inTransaction: boolean } | undefined {
  if (!client || typeof client !== 'object') return undefined;
  const owner = owners.get(client);
  if (owner) return { pglite: owner, inTransaction: true };
  if (statements.has(client as PGlite)) return { pglite: client as PGlite, inTransaction: false };
  return undefined;
}

/** Marks a PGlite instance as one whose statements are prepared. */
export function prepareStatementsOn(client: PGlite): void {
  statements.set(client, new Map());
  trackTransactions(client);
}

export async function preparedQuery<T>(
  pglite: PGlite,
  inTransaction: boolean,
  text: string,
  params: unknown[],
): Promise<T[]> {
  const db = pglite as unknown as Internals & PGlite;
  const cache = statements.get(pglite)!;
  const step = (message: Uint8Array) => pglite.execProtocolStream(message, { syncToFs: false });
  const run = async (): Promise<T[]> => {
    const messages: Awaited<ReturnType<typeof step>> = [];
    let statement = params.length <= MAX_PARAMS ? cache.get(text) : undefined;
    try {
      if (!statement) {
        const name = params.length <= MAX_PARAMS && cache.size < MAX_STATEMENTS ? `l_${++named}` : '';
        await step(protocol.serialize.parse({ name, text }));
        const paramTypes = parse.parseDescribeStatementResults(
          await step(protocol.serialize.describe({ type: 'S', name })),
        );
        statement = { name, paramTypes };
        if (name) cache.set(text, statement);
      }
      const { name, paramTypes } = statement;
      const values = params.map((value, i) => {
        if (value === null || value === undefined) return null;
        const serialize = db.serializers[paramTypes[i]];
        return serialize ? serialize(value) : String(value);
      });
      messages.push(...(await step(protocol.serialize.bind({ statement: name, values }))));
      messages.push(...(await step(protocol.serialize.describe({ type: 'P' }))));
      messages.push(...(await step(protocol.serialize.execute({}))));
    } catch (err) {
      // a statement that no longer exists (or never parsed) is parsed again next time
      if (statement && (err as { code?: string }).code === '26000') cache.delete(text);
      throw err;
    } finally {
      messages.push(...(await step(protocol.serialize.sync())));
    }
    if (!inTransaction) await db.syncToFs();
    return parse.parseResults(messages, db.parsers, { rowMode: 'object', parsers: PARSERS })[0]?.rows as T[];
  };
  await db._checkReady();
  return inTransaction ? db._runExclusiveQuery(run) : db._runExclusiveTransaction(() => db._runExclusiveQuery(run));
}
