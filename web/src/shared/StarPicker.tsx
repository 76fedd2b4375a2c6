import { useTranslation } from 'react-i18next';

/** Stars as buttons, not a drag: chosen by tap, click or keyboard alike. */
export function StarPicker({
  value,
  onChange,
  legend,
  testId,
}: {
  value: number;
  onChange: (n: number) => void;
  legend: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="ll-star-picker" data-testid={testId}>
      <legend className="ll-visually-hidden">{legend}</legend>
      {[1, 2, 3, 4, 5].map((n) => (
        <button
          type="button"
          key={n}
          aria-label={t('rating.starN', { n })}
          aria-pressed={value === n}
          className={n <= value ? 'll-star ll-star-on' : 'll-star'}
          onClick={() => onChange(n)}
        >
          ★
        </button>
      ))}
    </fieldset>
  );
}
