import { EmptyState } from '../components/State';

// Placeholder while the screen is being built (replaced before the work is reported).
export default function Receiving() {
  return <EmptyState />;
}
