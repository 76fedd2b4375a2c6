/**
 * The pickup point of the leader's poster link a visitor arrived by (/shop/?point=…). It is kept
 * for the visit, so that signing up first does not lose it: registration binds it at once, a
 * guest sees that leader from the first screen, and the chooser lists it first. It never nags a
 * customer who has a point already: changing point is their own choice in the chooser.
 */
const KEY = 'linli.shop.sharedPoint';

export function rememberLinkedPoint(id: string | null): void {
  if (id) sessionStorage.setItem(KEY, id);
}

export function linkedPoint(): string | null {
  return sessionStorage.getItem(KEY);
}

/** Once the account is bound, the link has done its work. */
export function forgetLinkedPoint(): void {
  sessionStorage.removeItem(KEY);
}

interface Placed {
  id: string;
  lat: number | null;
  lng: number | null;
  distanceM?: number;
}

/**
 * The chooser's order: the linked point and the current one first, then the others nearest
 * first: to the customer when the browser gave a location (the server sorted them), else to the
 * linked or current point, the neighbourhood the customer is known to be in.
 */
export function orderPoints<P extends Placed>(points: P[], first: (string | null | undefined)[]): P[] {
  const pinned = first.filter((id): id is string => !!id);
  const head = pinned.flatMap((id) => points.filter((p) => p.id === id).slice(0, 1));
  const rest = points.filter((p) => !pinned.includes(p.id));
  const located = points.some((p) => p.distanceM !== undefined);
  const anchor = head.find((p) => p.lat !== null && p.lng !== null);
  if (located || !anchor) return [...new Set([...head, ...rest])];
  const away = (p: P) =>
    p.lat === null || p.lng === null ? Infinity : metersBetween(anchor.lat!, anchor.lng!, p.lat, p.lng);
  return [...new Set([...head, ...[...rest].sort((a, b) => away(a) - away(b))])];
}

function metersBetween(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLng = (lng2 - lng1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(a));
}
