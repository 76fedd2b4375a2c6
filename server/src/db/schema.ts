// Every module's tables, for drizzle-kit and for typed queries.
export * from '../modules/accounts/schema.js';
export * from '../modules/network/schema.js';
export * from '../modules/leaders/schema.js';
export * from '../modules/catalog/schema.js';
export * from '../modules/campaigns/schema.js';
export * from '../modules/promotions/schema.js';
export * from '../modules/orders/schema.js';
export * from '../modules/payments/schema.js';
export * from '../modules/aftersales/schema.js';
export * from '../modules/inventory/schema.js';
export * from '../modules/fulfillment/schema.js';
export * from '../modules/ledger/schema.js';
export * from '../modules/outbox/schema.js';
export * from '../jobs/schema.js';
export * from '../lib/idempotency-schema.js';
export * from '../modules/members/schema.js';
