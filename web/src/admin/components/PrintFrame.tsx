import { useEffect, type ReactNode } from 'react';
import { Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';

/**
 * A bare sheet for paper: no menu or header, buttons hidden by @media print. Opened with
 * ?print=1 (the console's print buttons do) it opens the print dialog once the data is there.
 */
export function PrintFrame({ ready, title, children }: { ready: boolean; title: string; children: ReactNode }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const auto = params.get('print') === '1';
  useEffect(() => {
    document.title = title;
    if (ready && auto) {
      // Let the table paint before the dialog freezes the page.
      const timer = setTimeout(() => window.print(), 300);
      return () => clearTimeout(timer);
    }
  }, [ready, auto, title]);
  return (
    <div className="print-sheet">
      <Space className="no-print" style={{ marginBottom: 16 }}>
        <Button type="primary" onClick={() => window.print()} data-testid="print-now">
          {t('ops.common.print')}
        </Button>
        <Button onClick={() => window.close()}>{t('ops.common.close')}</Button>
      </Space>
      {children}
    </div>
  );
}
