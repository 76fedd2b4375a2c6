import '../shared/base.css';
import './shop.css';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { applyA11y } from '../shared/a11y';
import { initI18n } from '../shared/i18n';
import { strings } from './strings';
import { App } from './App';

applyA11y();
initI18n(strings);

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, staleTime: 10_000, refetchOnWindowFocus: true } },
});

createRoot(document.getElementById('root')!).render(
  <QueryClientProvider client={queryClient}>
    <App />
  </QueryClientProvider>,
);
