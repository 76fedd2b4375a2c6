import { useState } from 'react';
import { App, Button, Segmented, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../shared/i18n';
import { downloadExport } from '../download';

/**
 * A report's toolbar: what it is grouped by, over how many past days, and its .xlsx (the same
 * `by` and `days` as the table on screen).
 */
export function ReportToolbar<B extends string>({
  by,
  onBy,
  byOptions,
  days,
  onDays,
  exportPath,
  testId,
}: {
  by: B;
  onBy: (by: B) => void;
  byOptions: { value: B; label: string }[];
  days: number;
  onDays: (days: number) => void;
  exportPath: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [exporting, setExporting] = useState(false);
  async function exportXlsx() {
    setExporting(true);
    try {
      await downloadExport(exportPath, { by, days: String(days) });
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setExporting(false);
    }
  }
  return (
    <Space wrap>
      <Segmented value={by} onChange={(v) => onBy(v as B)} options={byOptions} data-testid={`${testId}-by`} />
      <Select
        value={days}
        onChange={onDays}
        style={{ width: 140 }}
        options={[7, 30, 90, 365].map((d) => ({ value: d, label: t('ops.reviews.lastDays', { n: d }) }))}
        aria-label={t('ops.reviews.period')}
      />
      <Button onClick={() => void exportXlsx()} loading={exporting} data-testid={`${testId}-export`}>
        {t('ops.common.exportXlsx')}
      </Button>
    </Space>
  );
}
