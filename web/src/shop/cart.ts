import { useSyncExternalStore } from 'react';

/**
 * The cart lives on the device (deal id → quantity): browsing and filling it need no account,
 * and prices are never kept here — the server prices the cart on every quote.
 */
const KEY = 'linli.shop.cart';
type Cart = Record<string, number>;
const listeners = new Set<() => void>();

function read(): Cart {
  try {
    const parsed = JSON.parse(localStorage.getItem(KEY) ?? '{}');
    return parsed && typeof parsed === 'object' ? (parsed as Cart) : {};
  } catch {
    return {};
  }
}

let cart = read();

function write(next: Cart) {
  cart = next;
  localStorage.setItem(KEY, JSON.stringify(next));
  for (const l of listeners) l();
}

export function setQuantity(campaignItemId: string, quantity: number) {
  const next = { ...cart };
  if (quantity > 0) next[campaignItemId] = quantity;
  else delete next[campaignItemId];
  write(next);
}

export function addToCart(campaignItemId: string) {
  setQuantity(campaignItemId, (cart[campaignItemId] ?? 0) + 1);
}

export function removeFromCart(ids: string[]) {
  const next = { ...cart };
  for (const id of ids) delete next[id];
  write(next);
}

export function useCart(): Cart {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => cart,
  );
}

export function cartCount(c: Cart) {
  return Object.values(c).reduce((a, b) => a + b, 0);
}
