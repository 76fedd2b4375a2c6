import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import type { TestProject } from 'vitest/node';
import { migrate, openDatabase } from '../src/db/client.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** a file holding a dump of a migrated PGlite data directory (the pglite project) */
    pgliteTemplate: string;
    /** the name of a migrated database to copy on the test server (the postgres project) */
    postgresTemplate: string;
  }
}

/**
 * Every test file gets a database of its own, migrated. Migrating one per file cost 2–5 s each
 * (on PGlite most of it creating the cluster), about a tenth of the suite: the schema is made
 * once per run here and each file starts from a copy (PGlite: a dump of the data directory;
 * PostgreSQL: CREATE DATABASE … TEMPLATE). The harness still runs the migrations, which then
 * find nothing to do.
 */
export default async function setup(project: TestProject) {
  const url = project.config.env?.TEST_DATABASE_URL;
  if (url) {
    const name = `linli_template_${randomBytes(6).toString('hex')}`;
    await adminQuery(url, `create database ${name}`);
    const u = new URL(url);
    u.pathname = `/${name}`;
    const database = await openDatabase({ url: u.toString(), poolSize: 2 });
    await migrate(database);
    await database.close();
    project.provide('postgresTemplate', name);
    return () => adminQuery(url, `drop database if exists ${name} with (force)`);
  }
  const database = await openDatabase({});
  await migrate(database);
  const dump = await ((database.db as unknown as { $client: PGlite }).$client.dumpDataDir('none') as Promise<Blob>);
  await database.close();
  const file = join(tmpdir(), `linli-template-${randomBytes(6).toString('hex')}.tar`);
  await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', file);
  return () => rm(file, { force: true });
}

async function adminQuery(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
