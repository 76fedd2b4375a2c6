import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_TYPES_FILE, apiTypes } from './openapi.js';

describe("the web apps' API types", () => {
  it('are generated from the current routes (else: run npm run api:types)', async () => {
    const committed = readFileSync(API_TYPES_FILE, 'utf8').split('\n');
    const fresh = (await apiTypes()).split('\n');
    const line = fresh.findIndex((text, i) => text !== committed[i]);
    const where =
      line < 0 && fresh.length === committed.length
        ? ''
        : `web/src/shared/api-types.ts is stale from line ${(line < 0 ? Math.min(fresh.length, committed.length) : line) + 1}: run npm run api:types`;
    expect(where).toBe('');
  }, 120_000);
});
