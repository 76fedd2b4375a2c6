import { useSyncExternalStore } from 'react';
import { shopEvents } from './events';

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
  if (quantity <= 0) return removeFromCart([campaignItemId]);
  write({ ...cart, [campaignItemId]: quantity });
}

/** Adds one; a deal added again is selected again, as the customer means to buy it. */
export function addToCart(campaignItemId: string) {
  shopEvents.track('cart_added', { dealId: campaignItemId });
  setQuantity(campaignItemId, (cart[campaignItemId] ?? 0) + 1);
  if (off.includes(campaignItemId)) setSelected([campaignItemId], true);
}

export function removeFromCart(ids: string[]) {
  const next = { ...cart };
  for (const id of ids) delete next[id];
  write(next);
  if (ids.some((id) => off.includes(id))) writeOff(off.filter((id) => !ids.includes(id)));
}

/**
 * The lines the customer has deselected (not checked out now, kept in the cart): a list of deal
 * ids, so a newly added deal is selected.
 */
const OFF_KEY = 'linli.shop.cart.off';
function readOff(): string[] {
  try {
    const parsed = JSON.parse(localStorage.getItem(OFF_KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}
let off = readOff();
function writeOff(next: string[]) {
  off = next;
  localStorage.setItem(OFF_KEY, JSON.stringify(next));
  for (const l of listeners) l();
}

export function setSelected(ids: string[], selected: boolean) {
  const rest = off.filter((id) => !ids.includes(id));
  writeOff(selected ? rest : [...rest, ...ids]);
}

export function useDeselected(): string[] {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => off,
  );
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
