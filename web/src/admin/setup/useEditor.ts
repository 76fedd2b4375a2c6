import { useState } from 'react';
import { Form } from 'antd';

/**
 * Open/close state of a create-or-edit form: `open(row)` edits a row, `open()` creates; the form
 * is reset to the row's values (or the defaults) every time it opens.
 */
export function useEditor<Row, V extends object>(toValues: (row: Row) => V, defaults: Partial<V> = {}) {
  const [form] = Form.useForm<V>();
  const [state, setState] = useState<{ open: boolean; row: Row | null }>({ open: false, row: null });
  return {
    form,
    isOpen: state.open,
    row: state.row,
    open(row?: Row) {
      form.resetFields();
      form.setFieldsValue((row ? toValues(row) : defaults) as Parameters<typeof form.setFieldsValue>[0]);
      setState({ open: true, row: row ?? null });
    },
    close: () => setState({ open: false, row: null }),
  };
}
