import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserWorld, type BrowserWorld } from './harness.js';
import { ADMIN } from '../harness.js';

/**
 * A supplier's qualification in the console: an operator uploads its business licence, approves
 * it, and the supplier turns from 资质不全 to 资质齐全 (decision 038).
 */
describe('supplier documents (browser)', () => {
  let bw: BrowserWorld;
  let supplierId: string;
  const name = '资质测试供应商';

  beforeAll(async () => {
    bw = await startBrowserWorld();
    const made = await bw.world.admin.post('/admin/suppliers', { name, requiredDocuments: ['business_licence'] });
    expect(made.status).toBe(201);
    supplierId = made.body.id;
  });
  afterAll(() => bw.close());

  it('uploads a licence and approves it: the supplier becomes qualified', async () => {
    const page = await bw.desktopPage();
    await bw.signIn(page, 'admin', ADMIN);
    await page.goto(`${bw.baseUrl}/admin/setup/suppliers`);
    const row = page.locator('tr', { hasText: name });
    await row.getByTestId('supplier-unqualified').waitFor();
    await row.getByTestId('supplier-documents-open').click();
    await page.getByTestId('supplier-qualified').filter({ hasText: '资质不全' }).waitFor();

    await page.getByTestId('doc-number').fill('91310000MA1TEST01');
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
    await page
      .getByTestId('doc-file-input')
      .setInputFiles({ name: '营业执照.pdf', mimeType: 'application/pdf', buffer: pdf });
    await page.getByTestId('doc-file-name').filter({ hasText: '营业执照.pdf' }).waitFor();
    await page.getByTestId('doc-upload').click();
    await page.getByTestId('doc-review').filter({ hasText: '待审核' }).waitFor();
    await bw.shot(page, 'admin-supplier-documents');

    await page.getByTestId('doc-approve').click();
    await page.getByTestId('doc-review').filter({ hasText: '已通过' }).waitFor();
    await page.getByTestId('supplier-qualified').filter({ hasText: '资质齐全' }).waitFor();
    const supplier = (await bw.world.admin.get(`/admin/suppliers/${supplierId}`)).body;
    expect(supplier).toMatchObject({ qualified: true, usable: true });
    expect(supplier.documents).toEqual([
      expect.objectContaining({ kind: 'business_licence', number: '91310000MA1TEST01', reviewStatus: 'approved' }),
    ]);
  });
});
