import { useEffect } from 'react';
import { pageName, type Tracker } from './events';

/** One `page_viewed` event each time the app shows another screen (the leader app and the console). */
export function usePageViews(tracker: Tracker, pathname: string): void {
  useEffect(() => tracker.track('page_viewed', { page: pageName(pathname) }), [tracker, pathname]);
}
