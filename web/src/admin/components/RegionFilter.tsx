import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRegions } from '../setup/queries';

/**
 * The region picker of the console's figure screens: every region the operator may see (her own
 * only, when she is limited to some), or all of them together (the empty value, `undefined` out).
 */
export function RegionFilter({
  value,
  onChange,
  label,
  testId,
  allLabel,
}: {
  value: string | undefined;
  onChange: (regionId: string | undefined) => void;
  label: string;
  testId: string;
  /** the words for "all regions", when a screen says it otherwise */
  allLabel?: string;
}) {
  const { t } = useTranslation();
  const regions = useRegions();
  return (
    <Select
      value={value ?? ''}
      onChange={(v: string) => onChange(v || undefined)}
      style={{ minWidth: 140 }}
      aria-label={label}
      data-testid={testId}
      options={[
        { value: '', label: allLabel ?? t('ops.dash.allRegions') },
        ...(regions.data ?? []).map((r) => ({ value: r.id, label: r.name })),
      ]}
    />
  );
}
