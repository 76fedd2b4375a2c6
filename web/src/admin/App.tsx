import { useMemo } from 'react';
import { ConfigProvider, App as AntApp, theme as antTheme, type ThemeConfig } from 'antd';
import 'antd/dist/antd.css';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useA11y } from '../shared/a11y';
import { palette } from '../shared/palette';
import { router } from './router';
import { queryClient } from './queries';

/** Ant Design follows the language switch and the two accessibility modes through its tokens. */
function useTheme(): ThemeConfig {
  const { largeText, highContrast } = useA11y();
  return useMemo(() => {
    // the shared grocery palette (shared/base.css), so the console looks like the shop and the leader app
    const token: ThemeConfig['token'] = {
      colorPrimary: palette.brand,
      colorSuccess: palette.fresh,
      colorWarning: palette.warning,
      colorError: palette.danger,
      colorLink: palette.brand,
      colorBgLayout: palette.bg,
      colorText: palette.text,
      borderRadius: 8,
    };
    if (largeText) Object.assign(token, { fontSize: 18, controlHeight: 40 });
    if (highContrast) {
      Object.assign(token, {
        colorText: '#000',
        colorTextSecondary: '#000',
        colorTextTertiary: '#111',
        colorTextDescription: '#111',
        colorBorder: '#000',
        colorBorderSecondary: '#333',
        colorPrimary: palette.highContrastBrand,
        colorLink: palette.highContrastBrand,
        colorError: '#b00000',
        colorBgLayout: '#fff',
        colorSplit: '#000',
      });
    }
    return { algorithm: antTheme.defaultAlgorithm, token, zeroRuntime: true };
  }, [largeText, highContrast]);
}

export function App() {
  const { i18n } = useTranslation();
  const theme = useTheme();
  const english = i18n.language === 'en';
  // The date pickers take month and weekday names from dayjs, not from antd's locale: both follow
  // the switch, set before this render so the pickers' next paint already speaks the new language.
  dayjs.locale(english ? 'en' : 'zh-cn');
  return (
    <ConfigProvider locale={english ? enUS : zhCN} theme={theme} button={{ autoInsertSpace: false }}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
