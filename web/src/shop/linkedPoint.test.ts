import { describe, expect, it } from 'vitest';
import { orderPoints } from './linkedPoint';

const p = (id: string, lat: number | null, lng: number | null, distanceM?: number) => ({ id, lat, lng, distanceM });

describe('orderPoints', () => {
  const far = p('far', 30.5, 120.5);
  const near = p('near', 30.201, 120.201);
  const linked = p('linked', 30.2, 120.2);
  const nowhere = p('nowhere', null, null);

  it('puts the linked point first, then the others nearest to it', () => {
    expect(orderPoints([far, nowhere, near, linked], ['linked']).map((x) => x.id)).toEqual([
      'linked',
      'near',
      'far',
      'nowhere',
    ]);
  });

  it('keeps the server order (nearest the customer) when a location was given', () => {
    const a = p('a', 1, 1, 10);
    const b = p('b', 2, 2, 20);
    const l = p('linked', 3, 3, 30);
    expect(orderPoints([a, b, l], ['linked', 'a']).map((x) => x.id)).toEqual(['linked', 'a', 'b']);
  });

  it('lists a point once when it is both linked and current, and leaves the list alone without pins', () => {
    expect(orderPoints([far, linked], ['linked', 'linked']).map((x) => x.id)).toEqual(['linked', 'far']);
    expect(orderPoints([far, linked], [null, undefined]).map((x) => x.id)).toEqual(['far', 'linked']);
  });
});
