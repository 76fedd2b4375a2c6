import { afterEach } from 'vitest';

/**
 * A browser test that fails on a busy machine is hard to read from its timeout alone. The browser
 * harness registers what each page last did (its API answers, open dialogs and messages); this
 * prints it beside the failure.
 */
type Describe = () => Promise<string>;
const describers = new Set<Describe>();

export function describeOnFailure(describe: Describe): () => void {
  describers.add(describe);
  return () => describers.delete(describe);
}

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail' || describers.size === 0) return;
  for (const describe of describers) {
    const text = await describe().catch((err: Error) => `(could not describe the pages: ${err.message})`);
    console.error(`\n--- the pages when "${ctx.task.name}" failed ---\n${text}\n`);
  }
});
