import { useQuery } from '@tanstack/react-query';
import { api, type Campaign, type Category, type Me, type PickupPoint } from './api';
import { useSession } from '../shared/session';
import { linkedPoint } from './linkedPoint';
import { withVariants, type DealVariant } from './variants';
import { shopEvents } from './events';

export function useMe() {
  const session = useSession(api);
  const me = useQuery({ queryKey: ['me', session?.user.id], queryFn: () => api.get<Me>('/me'), enabled: !!session });
  // every event of the shop names the point the customer shops at (a guest's: the leader's link)
  shopEvents.setPickupPoint(me.data?.pickupPointId ?? linkedPoint() ?? undefined);
  return me;
}

/** Today's deals of the city of the customer's pickup point (the default city's before she has chosen one). */
export function useCampaigns() {
  const me = useMe();
  const signedIn = !!me.data;
  // a guest who came by a leader's link sees that point's city
  const pointId = me.data?.pickupPointId ?? linkedPoint();
  return useQuery({
    queryKey: ['campaigns', pointId ?? null, signedIn],
    // a signed-in customer's point is known first: no glimpse of another city's deals
    enabled: !me.isLoading,
    // the shared list, and the signed-in customer's arms of running experiments laid over it
    queryFn: async () => {
      const point = pointId ? `?pickupPointId=${encodeURIComponent(pointId)}` : '';
      const [list, variants] = await Promise.all([
        api.get<Campaign[]>(`/campaigns/active${point}`),
        signedIn && pointId
          ? api.get<DealVariant[]>(`/me/deal-variants${point}`).catch((): DealVariant[] => [])
          : Promise.resolve([]),
      ]);
      return withVariants(list, variants);
    },
    refetchInterval: 30_000,
  });
}

export function usePickupPoints(q = '', pos?: { lat: number; lng: number } | null) {
  const params = new URLSearchParams();
  if (q) params.set('q', q);
  if (pos) {
    params.set('lat', String(pos.lat));
    params.set('lng', String(pos.lng));
  }
  return useQuery({
    queryKey: ['pickup-points', q, pos?.lat, pos?.lng],
    queryFn: () => api.get<PickupPoint[]>(`/pickup-points${params.size ? '?' + params : ''}`),
  });
}

/** The customer's current pickup point (name and address), looked up in the public list. */
export function useMyPickupPoint() {
  const me = useMe();
  const points = usePickupPoints();
  const id = me.data?.pickupPointId;
  return {
    me,
    point: id ? (points.data?.find((p) => p.id === id) ?? null) : null,
    loading: me.isLoading || points.isLoading,
  };
}

/** Category names in both languages, for the deal filter (operators can add categories). */
export function useCategories() {
  return useQuery({
    queryKey: ['categories'],
    queryFn: () => api.get<Category[]>('/categories'),
    staleTime: 3_600_000,
  });
}

/** The signed-in customer's arms of running experiments at her pickup point (decision 048), for pages showing one deal. */
export function useDealVariants() {
  const me = useMe();
  const pointId = me.data?.pickupPointId;
  return useQuery({
    queryKey: ['deal-variants', pointId ?? null],
    enabled: !!pointId,
    queryFn: () => api.get<DealVariant[]>(`/me/deal-variants?pickupPointId=${encodeURIComponent(pointId!)}`),
    refetchInterval: 30_000,
  });
}
