import { useState, type ChangeEvent, type ReactNode } from 'react';
import { Button, Drawer, Form, Input, Modal, Space, Typography, type FormInstance } from 'antd';
import type { Rule } from 'antd/es/form';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import { parseYuan } from '../../shared/money';

/** Money is typed in yuan ("12.90") and sent as fen; this shows fen back as the yuan text. */
export const yuanText = (fen: number | null | undefined) =>
  fen === null || fen === undefined ? undefined : (fen / 100).toFixed(2);

/** Form rule for a yuan amount; `optional` lets the field stay empty. */
export function yuanRules(t: TFunction, optional = false): Rule[] {
  return [
    ...(optional ? [] : [{ required: true, message: t('setup.v.required') }]),
    {
      validator: async (_: unknown, v: string | undefined) => {
        // an empty field is the required rule's to report (or fine when optional)
        if (v === undefined || v === '' || parseYuan(String(v)) !== null) return;
        throw new Error(t('setup.v.yuan'));
      },
    },
  ];
}

/** The fen of an optional yuan field, or undefined when empty. */
export const fenOrUndefined = (v: string | undefined) =>
  v === undefined || v === '' ? undefined : (parseYuan(v) ?? undefined);
export const fen = (v: string) => parseYuan(v) ?? 0;

export const required = (t: TFunction): Rule => ({ required: true, whitespace: true, message: t('setup.v.required') });

/** Form.Item injects value/onChange; the rest are ours. */
export function MoneyInput({
  testid,
  placeholder,
  ...rest
}: {
  testid?: string;
  placeholder?: string;
  disabled?: boolean;
  value?: string;
  onChange?: (e: ChangeEvent<HTMLInputElement>) => void;
}) {
  return (
    <Input
      {...rest}
      prefix="¥"
      inputMode="decimal"
      placeholder={placeholder ?? '0.00'}
      data-testid={testid}
      style={{ width: 160 }}
    />
  );
}

dayjs.extend(utc);
dayjs.extend(timezone);
/**
 * Campaign, coupon and spend-and-save times are Asia/Shanghai's, whatever zone the operator's
 * computer is in. The pickers work in the browser's zone, so they are given a dayjs whose clock
 * reads Shanghai's time (toDayjs) and what is picked is read back as Shanghai time (toIso).
 */
const TZ = 'Asia/Shanghai';
const WALL = 'YYYY-MM-DDTHH:mm:ss.SSS'; // to the millisecond, so an untouched time reads back unchanged
export const dateTime = (iso: string | undefined | null) => (iso ? dayjs(iso).tz(TZ).format('YYYY-MM-DD HH:mm') : '—');
export const toDayjs = (iso: string): Dayjs => dayjs(dayjs(iso).tz(TZ).format(WALL));
export const toIso = (picked: Dayjs): string => dayjs.tz(picked.format(WALL), TZ).toISOString();
/** Now, as a picker value (Shanghai's clock). */
export const nowPicked = (): Dayjs => toDayjs(new Date().toISOString());

/** Page title with its main action on the right. */
export function PageHead({ title, extra }: { title: string; extra?: ReactNode }) {
  return (
    <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', marginBottom: 16, gap: 16 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {title}
      </Typography.Title>
      <Space wrap>{extra}</Space>
    </div>
  );
}

/**
 * A create/edit form in a modal: validates, then awaits `onSubmit`; on failure the modal stays
 * open with the operator's input (the error itself is shown by useSave).
 */
export function FormModal<V extends object>({
  open,
  title,
  form,
  onClose,
  onSubmit,
  children,
  width,
  testid,
}: {
  open: boolean;
  title: string;
  form: FormInstance<V>;
  onClose: () => void;
  onSubmit: (values: V) => Promise<unknown>;
  children: ReactNode;
  width?: number;
  testid?: string;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    let values: V;
    try {
      values = await form.validateFields();
    } catch {
      return; // the fields show what is wrong
    }
    setBusy(true);
    try {
      await onSubmit(values);
      onClose();
    } catch {
      // reported by the mutation; keep the form open
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      width={width ?? 560}
      forceRender
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="save"
          type="primary"
          loading={busy}
          onClick={() => void submit()}
          data-testid={testid ? `${testid}-save` : 'form-save'}
        >
          {t('common.save')}
        </Button>,
      ]}
    >
      <Form form={form} layout="vertical" data-testid={testid} onFinish={() => void submit()}>
        {children}
      </Form>
    </Modal>
  );
}

/** Wide side panel for bigger editors (the campaign editor). */
export function SidePanel({
  open,
  title,
  onClose,
  children,
  testid,
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  testid?: string;
}) {
  return (
    <Drawer open={open} title={title} onClose={onClose} size={1100} destroyOnHidden data-testid={testid}>
      {children}
    </Drawer>
  );
}

/** Search box that filters a loaded list on the client (lists are small: hundreds of rows). */
export function SearchBox({
  value,
  onChange,
  placeholder,
}: {
  value: string;
  onChange: (v: string) => void;
  placeholder: string;
}) {
  return (
    <Input.Search
      allowClear
      placeholder={placeholder}
      value={value}
      onChange={(e: ChangeEvent<HTMLInputElement>) => onChange(e.target.value)}
      style={{ width: 260 }}
      data-testid="search"
    />
  );
}

export const matches = (q: string, ...fields: (string | null | undefined)[]) =>
  !q.trim() || fields.some((f) => f?.toLowerCase().includes(q.trim().toLowerCase()));
