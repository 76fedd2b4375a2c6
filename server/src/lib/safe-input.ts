/** How deep a request's JSON may nest: no request of ours goes beyond a handful of levels. */
export const MAX_DEPTH = 32;

// NUL cannot be stored in a PostgreSQL text value, and a lone surrogate is not text at all (it
// cannot be encoded as UTF-8): both are refused before any handler sees them.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const badText = (s: string) => s.includes('\u0000') || LONE_SURROGATE.test(s);

/**
 * Where a parsed request part (body, query, path parameters) holds a string — value or key — with a
 * NUL or a lone surrogate, or nests deeper than MAX_DEPTH; undefined when it is clean. Iterative, so
 * that no input can exhaust the stack.
 */
export function unsafeInput(value: unknown): { path: string; problem: string } | undefined {
  if (typeof value === 'string')
    return badText(value) ? { path: '', problem: 'contains a NUL character or a lone surrogate' } : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 0 }];
  while (stack.length) {
    const item = stack.pop()!;
    if (typeof item.value === 'string') {
      if (badText(item.value)) return { path: item.path, problem: 'contains a NUL character or a lone surrogate' };
      continue;
    }
    if (item.value === null || typeof item.value !== 'object') continue;
    if (item.depth >= MAX_DEPTH) return { path: item.path, problem: `nests deeper than ${MAX_DEPTH} levels` };
    if (Array.isArray(item.value)) {
      for (let i = 0; i < item.value.length; i++)
        stack.push({ value: item.value[i], path: `${item.path}/${i}`, depth: item.depth + 1 });
      continue;
    }
    for (const [key, v] of Object.entries(item.value)) {
      if (badText(key)) return { path: item.path, problem: 'has a key with a NUL character or a lone surrogate' };
      stack.push({ value: v, path: `${item.path}/${key}`, depth: item.depth + 1 });
    }
  }
  return undefined;
}
