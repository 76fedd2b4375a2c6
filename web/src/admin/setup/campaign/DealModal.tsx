import {
  Alert,
  Button,
  Col,
  DatePicker,
  Form,
  InputNumber,
  Row,
  Select,
  Space,
  Typography,
  type FormInstance,
} from 'antd';
import type { FormListFieldData, FormListOperation } from 'antd/es/form/FormList';
import { useTranslation } from 'react-i18next';
import { yuan } from '../../../shared/money';
import type { Product } from '../api';
import { FormModal, MoneyInput, fenOrUndefined, yuanRules } from '../parts';
import type { DealValues } from './deal';

/**
 * One deal of a campaign: product, deal price, member price, quota, per-customer limit, the flash
 * opening time and the group-tier prices. `locked` (a deal already on sale): only the quota.
 */
export function DealModal({
  open,
  editing,
  locked,
  form,
  products,
  takenProductIds,
  onClose,
  onSubmit,
}: {
  open: boolean;
  editing: boolean;
  locked: boolean;
  form: FormInstance<DealValues>;
  products: Product[];
  takenProductIds: Set<string>;
  onClose: () => void;
  onSubmit: (v: DealValues) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const productId = Form.useWatch('productId', form);
  const product = products.find((p) => p.id === productId);

  const priceFen = () => fenOrUndefined(form.getFieldValue('price'));
  const tiersValidator = async (_: unknown, tiers: DealValues['groupTiers']) => {
    let prevBuyers = 1;
    let prevPrice = priceFen() ?? Infinity;
    for (const tier of tiers ?? []) {
      const p = fenOrUndefined(tier?.price);
      if (!tier?.minBuyers || p === undefined) continue; // the row's own rules report missing values
      if (tier.minBuyers <= prevBuyers) throw new Error(t('setup.v.tiersBuyers'));
      if (p >= prevPrice) throw new Error(t('setup.v.tiersPrice'));
      prevBuyers = tier.minBuyers;
      prevPrice = p;
    }
  };

  return (
    <FormModal
      open={open}
      form={form}
      onClose={onClose}
      onSubmit={onSubmit}
      width={780}
      testid="deal-form"
      title={editing ? t('setup.deals.edit') : t('setup.deals.add')}
    >
      {locked && <Alert type="info" showIcon title={t('setup.deals.lockedHint')} style={{ marginBottom: 16 }} />}
      <Form.Item
        name="productId"
        label={t('setup.f.product')}
        rules={[{ required: true, message: t('setup.v.required') }]}
        extra={
          product ? t('setup.deals.listPriceIs', { price: yuan(product.listPriceFen), unit: product.unit }) : undefined
        }
      >
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          disabled={editing}
          data-testid="deal-product"
          placeholder={t('setup.deals.pickProduct')}
          options={products.map((p) => ({
            value: p.id,
            label: `${p.name}（${p.unit}）`,
            disabled: takenProductIds.has(p.id),
          }))}
        />
      </Form.Item>
      <Row gutter={16}>
        <Col span={6}>
          <Form.Item name="price" label={t('setup.f.dealPriceYuan')} rules={yuanRules(t)}>
            <MoneyInput testid="deal-price" disabled={locked} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item
            name="memberPrice"
            label={t('setup.f.memberPriceYuan')}
            dependencies={['price']}
            rules={[
              ...yuanRules(t, true),
              {
                validator: async (_, v: string | undefined) => {
                  const m = fenOrUndefined(v);
                  const p = priceFen();
                  if (m !== undefined && p !== undefined && m > p) throw new Error(t('setup.v.memberPrice'));
                },
              },
            ]}
          >
            <MoneyInput testid="deal-member-price" placeholder={t('setup.optional')} disabled={locked} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="quota" label={t('setup.f.quota')} extra={t('setup.deals.quotaHint')}>
            <InputNumber min={0} max={10_000_000} precision={0} style={{ width: 150 }} data-testid="deal-quota" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="perCustomerLimit" label={t('setup.f.perCustomerLimit')} extra={t('setup.deals.limitHint')}>
            <InputNumber
              min={1}
              max={10_000}
              precision={0}
              style={{ width: 150 }}
              disabled={locked}
              data-testid="deal-limit"
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="saleStartsAt" label={t('setup.f.saleStartsAt')} extra={t('setup.deals.flashHint')}>
        <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" disabled={locked} style={{ width: 220 }} />
      </Form.Item>
      <Typography.Text strong>{t('setup.f.groupTiers')}</Typography.Text>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('setup.deals.tiersHint')}
      </Typography.Paragraph>
      <Form.List name="groupTiers" rules={[{ validator: tiersValidator }]}>
        {(
          fields: FormListFieldData[],
          { add, remove }: FormListOperation,
          { errors }: { errors: React.ReactNode[] },
        ) => (
          <>
            {fields.map((field) => (
              <Space key={field.key} align="baseline">
                <Form.Item
                  name={[field.name, 'minBuyers']}
                  rules={[{ required: true, message: t('setup.v.required') }]}
                >
                  <InputNumber
                    min={2}
                    max={1_000_000}
                    precision={0}
                    prefix="≥"
                    suffix={t('setup.deals.buyers')}
                    disabled={locked}
                    style={{ width: 160 }}
                  />
                </Form.Item>
                <Form.Item name={[field.name, 'price']} rules={yuanRules(t)}>
                  <MoneyInput disabled={locked} />
                </Form.Item>
                {!locked && (
                  <Button type="link" danger onClick={() => remove(field.name)}>
                    {t('setup.remove')}
                  </Button>
                )}
              </Space>
            ))}
            {!locked && (
              <Button
                type="dashed"
                onClick={() => add({ minBuyers: undefined, price: undefined })}
                data-testid="tier-add"
              >
                {t('setup.deals.addTier')}
              </Button>
            )}
            <Form.ErrorList errors={errors} />
          </>
        )}
      </Form.List>
    </FormModal>
  );
}
