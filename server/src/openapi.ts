import { readFileSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { buildApp } from './app.js';
import { createContext } from './context.js';
import type { Database } from './db/client.js';
import { loadConfig } from './lib/config.js';

/**
 * The web apps' types of the API, generated from the OpenAPI document the routes' zod schemas
 * produce, so the apps cannot drift from the server (decision 017).
 *
 *   npm run api:types              rewrite web/src/shared/api-types.ts
 *   npm run api:types -- --check   only say whether it is current (exit code 1 if not)
 */

export const API_TYPES_FILE = resolve(import.meta.dirname, '../../web/src/shared/api-types.ts');

const HEADER = `/**
 * The API's shapes, generated from the server's OpenAPI document: do not edit.
 * After changing a route's schema, run \`npm run api:types\`.
 */

`;

/**
 * A database handle that fails if used: registering routes reads nothing, and opening even an
 * in-memory database would cost seconds on every regeneration and check.
 */
function noDatabase(): Database {
  const refuse = (): never => {
    throw new Error('The OpenAPI document is built without a database: building the app must not query it');
  };
  const db = new Proxy({}, { get: refuse }) as Database['db'];
  return {
    db,
    kind: 'postgres',
    warm: async () => {},
    close: async () => {},
    listen: () => ({ close: async () => {} }),
  };
}

/** The OpenAPI document as `/api/docs/json` serves it, from the routes alone. */
export async function openApiDocument(): Promise<Record<string, unknown>> {
  // The defaults outside production, whatever this shell's environment says: every route documented.
  const app = await buildApp(createContext(noDatabase(), loadConfig({})));
  try {
    await app.ready();
    return app.swagger() as unknown as Record<string, unknown>;
  } finally {
    await app.close();
  }
}

type Operation = { responses?: Record<string, unknown> };

/**
 * Every operation lists the same error answer for each of its refusal statuses; written out each
 * time they were two thirds of the generated file. Here the most common one is named once
 * (`components['responses']['Error']`) and referred to: the types stay exactly the same.
 */
function shareErrorAnswer(doc: Record<string, unknown>): Record<string, unknown> {
  const paths = doc.paths as Record<string, Record<string, Operation>>;
  const refusals = Object.values(paths).flatMap((ops) =>
    Object.values(ops).flatMap((op) =>
      Object.entries(op.responses ?? {})
        .filter(([status]) => Number(status) >= 400)
        .map(([status, answer]) => ({ op, status, text: JSON.stringify(answer) })),
    ),
  );
  const counts = new Map<string, number>();
  for (const r of refusals) counts.set(r.text, (counts.get(r.text) ?? 0) + 1);
  const [common] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? [];
  if (common === undefined) return doc;
  for (const r of refusals) if (r.text === common) r.op.responses![r.status] = { $ref: '#/components/responses/Error' };
  const components = (doc.components ?? {}) as Record<string, unknown>;
  return {
    ...doc,
    components: { ...components, responses: { ...(components.responses as object), Error: JSON.parse(common) } },
  };
}

/** The text of web/src/shared/api-types.ts for the current routes. */
export async function apiTypes(): Promise<string> {
  const doc = shareErrorAnswer(structuredClone(await openApiDocument()));
  const ast = await openapiTS(doc as unknown as OpenAPI3);
  return HEADER + astToString(ast);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const fresh = await apiTypes();
  const file = relative(process.cwd(), API_TYPES_FILE);
  let current = '';
  try {
    current = readFileSync(API_TYPES_FILE, 'utf8');
  } catch {
    // not generated yet
  }
  if (process.argv.includes('--check')) {
    if (current !== fresh) {
      console.error(`${file} does not match the routes' schemas: run npm run api:types`);
      process.exit(1);
    }
    console.log(`${file} is current`);
  } else if (current === fresh) {
    console.log(`${file} is current`);
  } else {
    writeFileSync(API_TYPES_FILE, fresh);
    console.log(`${file} written`);
  }
}
