import { createRoot } from 'react-dom/client';
import '../shared/base.css';
import './admin.css';
import { applyA11y } from '../shared/a11y';
import { initI18n } from '../shared/i18n';
import { opsStrings } from './strings';
import { setupStrings } from './setup';
import { forecastStrings } from './forecast/strings';
import { App } from './App';

applyA11y();
// The set-up screens bring their own namespaced strings; merged as they are.
const i18n = initI18n({
  'zh-CN': { ...setupStrings['zh-CN'], ...opsStrings['zh-CN'], ...forecastStrings['zh-CN'] },
  en: { ...setupStrings.en, ...opsStrings.en, ...forecastStrings.en },
});
// The browser tab follows the language too (print pages set their own title).
const nameTab = () => {
  if (!location.pathname.startsWith('/admin/print/')) document.title = i18n.t('ops.appName');
};
nameTab();
i18n.on('languageChanged', nameTab);

createRoot(document.getElementById('root')!).render(<App />);
