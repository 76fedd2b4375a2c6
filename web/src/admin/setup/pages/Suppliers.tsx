import { useState } from 'react';
import { Button, Checkbox, Form, Input, Select, Table, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../components/State';
import { api, type Supplier } from '../api';
import { keys, useProducts, useSave, useSuppliers } from '../queries';
import { FormModal, PageHead, SearchBox, matches, required } from '../parts';
import { useEditor } from '../useEditor';
import { DOCUMENT_KINDS, SupplierDocuments } from './SupplierDocuments';

type Kind = (typeof DOCUMENT_KINDS)[number];
interface Values {
  name: string;
  status?: 'active' | 'suspended';
  requiredDocuments?: Kind[];
}
/**
 * A new supplier must hold both licences unless the operator says otherwise. (No `name: ''` here:
 * the defaults may reach a form that is still mounting, and must not clear a name already typed.)
 */
const NEW_SUPPLIER: Partial<Values> = { requiredDocuments: ['business_licence', 'food_licence'] };

export default function Suppliers() {
  const { t } = useTranslation();
  const query = useSuppliers();
  const products = useProducts();
  const [q, setQ] = useState('');
  const [documentsOf, setDocumentsOf] = useState<string | null>(null);
  const editor = useEditor<Supplier, Values>(
    (s) => ({
      name: s.name,
      status: s.status as Values['status'],
      requiredDocuments: s.requiredDocuments as Kind[],
    }),
    NEW_SUPPLIER,
  );
  const save = useSave(
    (v: Values) =>
      editor.row
        ? api.patch(`/admin/suppliers/${editor.row.id}`, v)
        : api.post('/admin/suppliers', { name: v.name, requiredDocuments: v.requiredDocuments ?? [] }),
    [keys.suppliers, keys.campaigns],
  );
  const kindText = (k: string) => t(`setup.docs.kind_${k}`);

  const columns: ColumnsType<Supplier> = [
    { title: t('setup.f.name'), dataIndex: 'name' },
    {
      title: t('setup.f.status'),
      dataIndex: 'status',
      width: 140,
      filters: [
        { text: t('setup.status.active'), value: 'active' },
        { text: t('setup.status.suspended'), value: 'suspended' },
      ],
      onFilter: (v, r) => r.status === v,
      render: (s: string) => <Tag color={s === 'active' ? 'green' : 'red'}>{t(`setup.status.${s}`)}</Tag>,
    },
    {
      title: t('setup.docs.qualification'),
      key: 'q',
      width: 180,
      render: (_, r) =>
        r.qualified ? (
          <Tag color="green">{t('setup.docs.qualified')}</Tag>
        ) : (
          <Tooltip title={`${t('setup.docs.missing')}: ${r.missingDocuments.map(kindText).join('、')}`}>
            <Tag color="red" data-testid="supplier-unqualified">
              {t('setup.docs.unqualified')}
            </Tag>
          </Tooltip>
        ),
    },
    {
      title: t('setup.suppliers.productCount'),
      key: 'n',
      width: 120,
      render: (_, r) => products.data?.filter((p) => p.supplierId === r.id).length ?? '—',
    },
    {
      title: '',
      key: 'a',
      width: 180,
      render: (_, r) => (
        <>
          <Button type="link" onClick={() => editor.open(r)}>
            {t('setup.edit')}
          </Button>
          <Button type="link" onClick={() => setDocumentsOf(r.id)} data-testid="supplier-documents-open">
            {t('setup.docs.title')}
          </Button>
        </>
      ),
    },
  ];

  return (
    <div data-testid="setup-suppliers">
      <PageHead
        title={t('setup.nav.suppliers')}
        extra={
          <>
            <SearchBox value={q} onChange={setQ} placeholder={t('setup.searchName')} />
            <Button type="primary" onClick={() => editor.open()} data-testid="supplier-new">
              {t('setup.suppliers.new')}
            </Button>
          </>
        }
      />
      <QueryState query={query} isEmpty={(d) => d.length === 0} emptyText={t('setup.suppliers.empty')}>
        {(rows) => (
          <Table<Supplier>
            rowKey="id"
            dataSource={rows.filter((s) => matches(q, s.name))}
            pagination={{ pageSize: 20 }}
            columns={columns}
          />
        )}
      </QueryState>

      <FormModal
        open={editor.isOpen}
        form={editor.form}
        onClose={editor.close}
        onSubmit={save.mutateAsync}
        testid="supplier-form"
        title={editor.row ? t('setup.suppliers.edit') : t('setup.suppliers.new')}
      >
        <Form.Item name="name" label={t('setup.f.name')} rules={[required(t), { max: 100 }]}>
          <Input data-testid="supplier-name" />
        </Form.Item>
        {editor.row && (
          <Form.Item name="status" label={t('setup.f.status')} extra={t('setup.suppliers.statusHint')}>
            <Select options={['active', 'suspended'].map((s) => ({ value: s, label: t(`setup.status.${s}`) }))} />
          </Form.Item>
        )}
        <Form.Item name="requiredDocuments" label={t('setup.docs.required')} extra={t('setup.docs.requiredHint')}>
          <Checkbox.Group options={DOCUMENT_KINDS.slice(0, 2).map((k) => ({ value: k, label: kindText(k) }))} />
        </Form.Item>
      </FormModal>
      <SupplierDocuments supplierId={documentsOf} onClose={() => setDocumentsOf(null)} />
    </div>
  );
}
