import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startBrowserWorld, type BrowserWorld } from './harness.js';
import { confirmPopup } from './admin-steps.js';
import { ADMIN } from '../harness.js';

/**
 * The console's set-up screens at 1440 px: the operator creates a supplier, a product and a
 * campaign with one deal (member price, quota, limit, a group tier) through the forms, then
 * changes the product's list price; every result is checked against the API.
 */
describe('console set-up (browser)', () => {
  let bw: BrowserWorld;
  let page: Page;
  const supplierName = '浙北生态农场';
  const productName = '临安山核桃';
  const campaignTitle = '周末坚果专场';

  /** Picks an option of an antd Select by its label. */
  const choose = async (testId: string, label: string) => {
    for (let attempt = 1; ; attempt++) {
      await page.getByTestId(testId).click();
      await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${label}"]`).click();
      // on a busy machine a click can land while the list is still opening: the choice must show
      try {
        await page.getByTestId(testId).filter({ hasText: label }).waitFor({ timeout: 2000 });
        return;
      } catch (err) {
        if (attempt === 3) throw err;
      }
    }
  };
  const goto = async (path: string) => {
    await page.goto(`${bw.baseUrl}/admin/setup/${path}`);
  };

  beforeAll(async () => {
    bw = await startBrowserWorld();
    page = await bw.desktopPage();
    await bw.signIn(page, 'admin', ADMIN);
  });

  afterAll(async () => {
    await bw?.close();
  });

  it('creates a supplier', async () => {
    await goto('suppliers');
    await page.getByTestId('supplier-new').click();
    await page.getByTestId('supplier-name').fill(supplierName);
    // Waits for the save's answer itself (the first write of a fresh world can be slow on a loaded
    // CI machine), so a failure says whether the save or the list was missing.
    const saved = page.waitForResponse(
      (r) => r.url().endsWith('/api/v1/admin/suppliers') && r.request().method() === 'POST',
      { timeout: 30_000 },
    );
    // pressed again once if the form is still open and idle after 5 s (a press lost while the
    // dialog was still settling on a loaded machine); a saving button ignores presses
    await confirmPopup(page, 'supplier-form-save');
    expect((await saved).status()).toBe(201);
    await page.getByRole('cell', { name: supplierName }).waitFor();
    const suppliers = (await bw.world.admin.get('/admin/suppliers')).body as {
      id: string;
      name: string;
      status: string;
      usable: boolean;
      missingDocuments: string[];
    }[];
    const made = suppliers.find((s) => s.name === supplierName)!;
    expect(made).toMatchObject({ status: 'active', usable: false });
    // the console asks new suppliers for both licences: approved here so its products can be sold
    expect(made.missingDocuments).toEqual(['business_licence', 'food_licence']);
    for (const kind of made.missingDocuments) {
      const uploaded = await bw.server.app.inject({
        method: 'POST',
        url: `/api/v1/admin/suppliers/${made.id}/documents?kind=${kind}&number=TEST-${kind}&expiresOn=2099-12-31`,
        headers: { authorization: `Bearer ${bw.world.admin.token}`, 'content-type': 'application/pdf' },
        payload: Buffer.from('%PDF-1.4\n%%EOF\n'),
      });
      expect(uploaded.statusCode).toBe(201);
      const reviewed = await bw.world.admin.post(`/admin/suppliers/${made.id}/documents/${uploaded.json().id}/review`, {
        decision: 'approved',
      });
      expect(reviewed.status).toBe(200);
    }
  });

  it('refuses an amount that is not money, then creates a product', async () => {
    await goto('products');
    await page.getByTestId('product-new').click();
    await page.getByTestId('product-name').fill(productName);
    await choose('product-category', '休闲食品');
    await choose('product-supplier', supplierName);
    await page.getByTestId('product-unit').fill('袋');
    await page.getByTestId('product-list-price').fill('三十九');
    await page.getByTestId('product-cost').fill('20');
    await page.getByTestId('product-form-save').click();
    await page.getByText('请输入金额，如 12.90').waitFor();
    await page.getByTestId('product-list-price').fill('39.90');
    await page.getByTestId('product-form-save').click();
    await page.getByRole('cell', { name: productName }).waitFor();
    const products = (await bw.world.admin.get('/admin/products')).body as {
      name: string;
      listPriceFen: number;
      costFen: number;
      category: string;
    }[];
    expect(products.find((p) => p.name === productName)).toMatchObject({
      listPriceFen: 3990,
      costFen: 2000,
      category: 'snacks',
    });
  });

  it('creates a campaign with one deal', async () => {
    await goto('campaigns');
    await page.getByTestId('campaign-new').click();
    await page.getByTestId('campaign-title').fill(campaignTitle);
    await page.getByTestId('deal-add').click();
    await page.getByTestId('deal-product').click();
    await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title^="${productName}"]`).click();
    await page.getByTestId('deal-price').fill('29.90');
    await page.getByTestId('deal-member-price').fill('27.90');
    await page.getByTestId('deal-quota').fill('100');
    await page.getByTestId('deal-limit').fill('2');
    await page.getByTestId('tier-add').click();
    await page.locator('[data-testid="deal-form"] input[id$="_0_minBuyers"]').fill('3');
    await page.locator('[data-testid="deal-form"] input[id$="_0_price"]').fill('25.90');
    await page.getByTestId('deal-form-save').click();
    await page.getByRole('cell', { name: productName }).waitFor();
    await page.getByTestId('campaign-save').click();
    // once created, the panel turns into the editor of the saved campaign
    await page.getByText(`编辑团期：${campaignTitle}`).waitFor();
    const campaigns = (await bw.world.admin.get('/admin/campaigns?limit=200')).body as {
      id: string;
      title: string;
      items: Record<string, unknown>[];
    }[];
    const created = campaigns.find((c) => c.title === campaignTitle)!;
    expect(created.items).toHaveLength(1);
    expect(created.items[0]).toMatchObject({
      name: productName,
      priceFen: 2990,
      memberPriceFen: 2790,
      quota: 100,
      perCustomerLimit: 2,
      groupTiers: [{ minBuyers: 3, priceFen: 2590 }],
    });
    await bw.shot(page, 'admin-campaign-edit');
  });

  it('edits the product price', async () => {
    await goto('products');
    await page.getByTestId('search').locator('input').fill(productName);
    await page.getByTestId(`product-edit-${productName}`).click();
    await page.getByTestId('product-list-price').fill('42.00');
    await page.getByTestId('product-form-save').click();
    await page.getByRole('cell', { name: '¥42.00' }).waitFor();
    const products = (await bw.world.admin.get('/admin/products')).body as { name: string; listPriceFen: number }[];
    expect(products.find((p) => p.name === productName)?.listPriceFen).toBe(4200);
    await page.getByTestId('search').locator('input').fill('');
    await bw.shot(page, 'admin-products');
  });
});
