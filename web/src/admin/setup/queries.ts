import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../shared/i18n';
import {
  api,
  type Campaign,
  type Category,
  type CouponTemplate,
  type FullReduction,
  type Leader,
  type MemberTemplate,
  type Network,
  type PickupPoint,
  type Region,
  type Product,
  type Supplier,
  type User,
} from './api';

/** One query key per list endpoint, so a save refreshes exactly the lists it changes. */
export const keys = {
  suppliers: ['setup', 'suppliers'],
  network: ['setup', 'network'],
  regions: ['setup', 'regions'],
  pickupPoints: ['setup', 'pickup-points'],
  leaders: ['setup', 'leaders'],
  products: ['setup', 'products'],
  categories: ['setup', 'categories'],
  campaigns: ['setup', 'campaigns'],
  coupons: ['setup', 'coupon-templates'],
  reductions: ['setup', 'full-reduction'],
  memberTemplates: ['setup', 'member-templates'],
  members: ['setup', 'members'],
} as const;

const list =
  <T>(key: readonly string[], path: string) =>
  () =>
    useQuery({ queryKey: key, queryFn: () => api.get<T>(path) });

export const useSuppliers = list<Supplier[]>(keys.suppliers, '/admin/suppliers');
export const useNetwork = list<Network>(keys.network, '/admin/network');
export const useRegions = list<Region[]>(keys.regions, '/admin/regions');
export const usePickupPoints = list<PickupPoint[]>(keys.pickupPoints, '/pickup-points');
export const useLeaders = list<Leader[]>(keys.leaders, '/admin/leaders');
export const useProducts = list<Product[]>(keys.products, '/admin/products');
export const useCategories = list<Category[]>(keys.categories, '/categories');
export const useCampaigns = list<Campaign[]>(keys.campaigns, '/admin/campaigns?limit=100');
export const useCouponTemplates = list<CouponTemplate[]>(keys.coupons, '/admin/coupon-templates');
export const useFullReductions = list<FullReduction[]>(keys.reductions, '/admin/promotions/full-reduction');
export const useMemberTemplates = list<MemberTemplate[]>(keys.memberTemplates, '/admin/members/coupon-templates');

export function useUserSearch(q: string) {
  return useQuery({
    queryKey: ['setup', 'users', q],
    queryFn: () => api.get<User[]>(`/admin/users${q ? `?q=${encodeURIComponent(q)}` : ''}`),
  });
}

/**
 * A save: runs the call, tells the operator it worked (or why not, in plain words via
 * errorText), and refreshes the lists it touched. Errors are re-thrown so a form stays open.
 */
export function useSave<A, R = unknown>(fn: (arg: A) => Promise<R>, invalidate: (readonly string[])[]) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const { t } = useTranslation();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      void message.success(t('setup.saved'));
      await Promise.all(invalidate.map((k) => qc.invalidateQueries({ queryKey: k })));
    },
    onError: (err) => void message.error(errorText(err)),
  });
}

/** Category code → name in the current language. */
export function useCategoryName() {
  const { i18n } = useTranslation();
  const categories = useCategories();
  return (code: string) => {
    const c = categories.data?.find((x) => x.code === code);
    return c ? (i18n.language === 'en' ? c.nameEn : c.nameZh) : code;
  };
}
