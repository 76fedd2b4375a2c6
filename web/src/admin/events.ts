import { createTracker } from '../shared/events';
import { api } from './api';

/** The console's behaviour events (decision 045): the screens an operator opens. */
export const consoleEvents = createTracker({ source: 'console', token: () => api.session?.token });
