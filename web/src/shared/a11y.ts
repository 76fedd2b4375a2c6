import { useSyncExternalStore } from 'react';

/**
 * Larger text and high contrast, for the older shoppers the source documents call out. The
 * choice is remembered per device and applied as classes on <html>, which the apps' CSS uses.
 */
export type A11yMode = 'largeText' | 'highContrast';
const KEY = 'linli.a11y';
const listeners = new Set<() => void>();

function read(): Record<A11yMode, boolean> {
  try {
    return { largeText: false, highContrast: false, ...JSON.parse(localStorage.getItem(KEY) ?? '{}') };
  } catch {
    return { largeText: false, highContrast: false };
  }
}

let state = read();

export function applyA11y() {
  const html = document.documentElement;
  html.classList.toggle('linli-large-text', state.largeText);
  html.classList.toggle('linli-high-contrast', state.highContrast);
}

export function setA11y(mode: A11yMode, on: boolean) {
  state = { ...state, [mode]: on };
  localStorage.setItem(KEY, JSON.stringify(state));
  applyA11y();
  for (const l of listeners) l();
}

export function useA11y() {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => state,
  );
}
