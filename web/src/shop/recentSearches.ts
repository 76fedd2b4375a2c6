/**
 * The customer's own recent searches, kept on this device only (never sent anywhere): newest
 * first, each once, at most MAX.
 */
const KEY = 'linli.shop.recentSearches';
const MAX = 10;

export function recentSearches(): string[] {
  try {
    const parsed = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((q): q is string => typeof q === 'string').slice(0, MAX) : [];
  } catch {
    return [];
  }
}

export function rememberSearch(q: string): string[] {
  const next = [q, ...recentSearches().filter((r) => r !== q)].slice(0, MAX);
  localStorage.setItem(KEY, JSON.stringify(next));
  return next;
}

export function clearRecentSearches() {
  localStorage.removeItem(KEY);
}
