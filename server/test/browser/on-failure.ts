import type { TestContext } from 'vitest';

/**
 * A browser test that fails on a busy machine is hard to read from its timeout alone. The browser
 * harness registers what each page last did (its API answers, open dialogs and messages); this
 * prints it beside the failure, from an afterEach hook that test/browser/setup.ts adds to every
 * file (a hook registered here, at import, would reach only the first file of a worker that runs
 * several files without reloading the modules).
 */
type Describe = () => Promise<string>;
// one set for the worker, whichever copy of this module a file or the setup file loaded
const KEY = Symbol.for('linli.browser.describers');
const shared = globalThis as Record<symbol, Set<Describe> | undefined>;
shared[KEY] ??= new Set<Describe>();
const describers = shared[KEY];

export function describeOnFailure(describe: Describe): () => void {
  describers.add(describe);
  return () => describers.delete(describe);
}

export async function printPagesOnFailure(ctx: TestContext) {
  if (ctx.task.result?.state !== 'fail' || describers.size === 0) return;
  for (const describe of describers) {
    const text = await describe().catch((err: Error) => `(could not describe the pages: ${err.message})`);
    console.error(`\n--- the pages when "${ctx.task.name}" failed ---\n${text}\n`);
  }
}
