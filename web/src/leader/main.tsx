import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router-dom';
import { applyA11y } from '../shared/a11y';
import { initI18n } from '../shared/i18n';
import { strings } from './strings';
import { router } from './App';
import '../shared/base.css';
import './leader.css';

applyA11y();
const i18n = initI18n(strings);
// The tab and home-screen name follow the language too.
const nameTab = () => {
  document.title = i18n.t('app.title');
};
nameTab();
i18n.on('languageChanged', nameTab);

// A leader works on a shaky shop Wi-Fi: one retry, and refetch when the app comes back to front.
const queryClient = new QueryClient({ defaultOptions: { queries: { retry: 1, staleTime: 15_000 } } });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
