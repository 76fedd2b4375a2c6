import { createTracker } from '../shared/events';
import { api } from './api';

/** The shop's behaviour events (decision 045): deal views, cart, checkout, orders, searches, coupons, shares. */
export const shopEvents = createTracker({ source: 'shop', token: () => api.session?.token });
