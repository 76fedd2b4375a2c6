import { createTracker } from '../shared/events';
import { api } from './api';

/** The leader app's behaviour events (decision 045): the screens a leader opens. */
export const leaderEvents = createTracker({ source: 'leader', token: () => api.session?.token });
