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

/**
 * PGlite's parsers (one per type of the database, about 300) with drizzle's overrides, merged once:
 * handing the overrides to `parseResults` makes it copy the whole table on every statement, which
 * was the largest single cost of the embedded database's JavaScript.
 */
const mergedParsers = new WeakMap<object, Internals['parsers']>();
function parsersOf(db: Internals): Internals['parsers'] {
  let merged = mergedParsers.get(db);
  if (!merged) {
    merged = { ...db.parsers, ...PARSERS };
    mergedParsers.set(db, merged);
  }
  return merged;
}
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

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
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
    let statement = params.length <= MAX_PARAMS ? cache.get(text) : undefined;
    if (!statement) {
      const name = params.length <= MAX_PARAMS && cache.size < MAX_STATEMENTS ? `l_${++named}` : '';
      try {
        const described = await step(
          concat(protocol.serialize.parse({ name, text }), protocol.serialize.describe({ type: 'S', name })),
        );
        statement = { name, paramTypes: parse.parseDescribeStatementResults(described) };
      } catch (err) {
        // a statement that does not parse leaves the protocol skipping to the next Sync
        await step(protocol.serialize.sync());
        throw err;
      }
      if (name) cache.set(text, statement);
    }
    const { name, paramTypes } = statement;
    const values = params.map((value, i) => {
      if (value === null || value === undefined) return null;
      const serialize = db.serializers[paramTypes[i]];
      return serialize ? serialize(value) : String(value);
    });
    let messages: Awaited<ReturnType<typeof step>>;
    try {
      // one call into the database for the whole execution: each call has a fixed cost (entering
      // the WebAssembly main loop, flushing, copying and parsing the answer), and an error in any
      // message makes the server skip to the Sync at the end, as the protocol specifies
      messages = await step(
        concat(
          protocol.serialize.bind({ statement: name, values }),
          protocol.serialize.describe({ type: 'P' }),
          protocol.serialize.execute({}),
          protocol.serialize.sync(),
        ),
      );
    } catch (err) {
      // a statement that no longer exists is parsed again next time
      if ((err as { code?: string }).code === '26000') cache.delete(text);
      throw err;
    }
    if (!inTransaction) await db.syncToFs();
    return parse.parseResults(messages, parsersOf(db), { rowMode: 'object' })[0]?.rows as T[];
  };
  await db._checkReady();
  return inTransaction ? db._runExclusiveQuery(run) : db._runExclusiveTransaction(() => db._runExclusiveQuery(run));
}
