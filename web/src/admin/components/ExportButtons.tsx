import { useState } from 'react';
import { App, Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../shared/i18n';
import { downloadExport } from '../download';

/** Print sheet (opens the print route in a new tab) and .xlsx download for a campaign's documents. */
export function ExportButtons({
  campaignId,
  printPath,
  exportPath,
  testId,
}: {
  campaignId: string;
  printPath: string;
  exportPath: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  async function onExport() {
    setBusy(true);
    try {
      await downloadExport(exportPath, { campaignId });
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Space>
      <Button
        href={`/admin${printPath}?campaignId=${campaignId}&print=1`}
        target="_blank"
        data-testid={`${testId}-print`}
      >
        {t('ops.common.print')}
      </Button>
      <Button onClick={() => void onExport()} loading={busy} data-testid={`${testId}-export`}>
        {t('ops.common.exportXlsx')}
      </Button>
    </Space>
  );
}
