import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { keys, useSave } from '../queries';
import { FormModal, required } from '../parts';

interface Values {
  code: string;
  nameZh: string;
  nameEn: string;
}

/** Operators add product categories beyond the built-in seven (code is permanent, names in both languages). */
export function CategoryModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const save = useSave((v: Values) => api.post('/admin/categories', v), [keys.categories]);
  const close = () => {
    form.resetFields();
    onClose();
  };
  return (
    <FormModal
      open={open}
      form={form}
      onClose={close}
      onSubmit={save.mutateAsync}
      testid="category-form"
      title={t('setup.categories.new')}
    >
      <Form.Item
        name="code"
        label={t('setup.categories.code')}
        extra={t('setup.categories.codeHint')}
        rules={[required(t), { pattern: /^[a-z][a-z0-9_]{1,39}$/, message: t('setup.categories.codeRule') }]}
      >
        <Input placeholder="frozen_food" />
      </Form.Item>
      <Form.Item name="nameZh" label={t('setup.categories.nameZh')} rules={[required(t), { max: 100 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="nameEn" label={t('setup.categories.nameEn')} rules={[required(t), { max: 100 }]}>
        <Input />
      </Form.Item>
    </FormModal>
  );
}
