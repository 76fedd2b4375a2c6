/**
 * The set-up screens share the console's API client (one session under linli.admin.session),
 * so signing out anywhere signs out here too. Types are the server's answers, generated from its
 * OpenAPI document (shared/api-shapes.ts).
 */
import type { Answer, RequestBody } from '../../shared/api-shapes';

export { api } from '../api';

export type Supplier = Answer<'/admin/suppliers'>[number];
export type SupplierDetail = Answer<'/admin/suppliers/{id}'>;
export type SupplierDocument = SupplierDetail['documents'][number];
export type Network = Answer<'/admin/network'>;
export type Region = Answer<'/admin/regions'>[number];
export type Warehouse = Network['warehouses'][number];
export type Route = Network['routes'][number];
export type PickupPoint = Answer<'/pickup-points'>[number];
export type Leader = Answer<'/admin/leaders'>[number];
export type User = Answer<'/admin/users'>[number];
export type Category = Answer<'/categories'>[number];
export type Product = Answer<'/admin/products'>[number];
/** the zones a product may be stored in (its answer says `string`) */
export type Zone = RequestBody<'/admin/products'>['temperatureZone'];
export type Campaign = Answer<'/admin/campaigns'>[number];
export type Deal = Campaign['items'][number];
export type GroupTier = NonNullable<Deal['groupTiers']>[number];
export type CouponTemplate = Answer<'/admin/coupon-templates'>[number];
export type FullReduction = Answer<'/admin/promotions/full-reduction'>[number];
/** what a coupon template or full reduction brought in */
export type Usage = Pick<CouponTemplate, 'orders' | 'discountGivenFen' | 'gmvFen' | 'refundedFen'>;
export type MemberTemplate = Answer<'/admin/members/coupon-templates'>[number];
export type MemberPurpose = MemberTemplate['purpose'];
export type Member = Answer<'/admin/members'>[number];
