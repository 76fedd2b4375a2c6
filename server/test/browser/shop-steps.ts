import type { Page } from 'playwright-core';

/**
 * Reusable steps through the customer shop (/shop), for the shop's own test and the cross-app
 * flow. They drive the UI only through data-testid selectors the shop keeps stable.
 */

// the first open campaign that lists the product (an order holds deals of one campaign)
const deal = (page: Page, productName: string) =>
  page.locator(`[data-testid="deal-card"][data-name="${productName}"]`).first();

/** Polls `read` (reloading the page between tries) until it returns a value, or fails with `what`. */
async function eventually<T>(
  page: Page,
  what: string,
  read: () => Promise<T | null | undefined>,
  timeoutMs = 15_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read().catch(() => null);
    if (value !== null && value !== undefined) return value;
    if (Date.now() > until) throw new Error(`shop: timed out waiting for ${what}`);
    await page.waitForTimeout(500);
    await page.reload();
  }
}

async function orderStatus(page: Page) {
  const tag = page.getByTestId('order-status').first();
  await tag.waitFor();
  return tag.getAttribute('data-status');
}

/**
 * From the deals page: puts each line into the cart, checks out (the session must already be in
 * localStorage and the customer's pickup point set), pays on the simulated provider's cashier
 * page and lands back on the order page once it shows paid with a pickup code. All lines must
 * come from the same campaign (one order).
 */
export async function orderAndPay(
  page: Page,
  baseUrl: string,
  lines: { productName: string; quantity: number }[],
): Promise<{ orderId: string; number: string }> {
  // start from an empty cart so the order holds exactly these lines
  await page.goto(`${baseUrl}/shop/`);
  await page.evaluate(() => localStorage.removeItem('linli.shop.cart'));
  await page.reload();
  for (const line of lines) {
    const card = deal(page, line.productName);
    await card.getByTestId('add-to-cart').click();
    const plus = card.locator('.adm-stepper-plus');
    for (let i = 1; i < line.quantity; i++) await plus.click();
    const input = card.locator('.adm-stepper input');
    for (let tries = 0; (await input.inputValue()) !== String(line.quantity); tries++) {
      if (tries > 50) throw new Error(`shop: could not set ${line.productName} to ${line.quantity}`);
      await page.waitForTimeout(100);
    }
  }
  await page.getByTestId('tab-cart').click();
  await page.getByTestId('cart-line').first().waitFor();
  await page.getByTestId('go-checkout').first().click();
  await page.getByTestId('line-total').waitFor();
  await page.getByTestId('place-order').click();

  await page.waitForURL(/\/simpay\/cashier\//);
  await page.getByTestId('simpay-confirm').click();

  await page.waitForURL(/\/shop\/orders\/[^/?]+$/, { timeout: 15_000 });
  const orderId = new URL(page.url()).pathname.split('/').pop()!;
  await eventually(page, 'the order to show paid', async () => ((await orderStatus(page)) === 'paid' ? true : null));
  await page.getByTestId('pickup-code').waitFor();
  const number = (await page.getByTestId('order-number').textContent())?.trim() ?? '';
  return { orderId, number };
}

/** Opens the order page and returns the pickup code it shows in large digits. */
export async function readPickupCode(page: Page, baseUrl: string, orderId: string): Promise<string> {
  await page.goto(`${baseUrl}/shop/orders/${orderId}`);
  const code = page.getByTestId('pickup-code');
  await code.waitFor();
  // shown in groups for reading aloud: "1234 5678"
  const text = (await code.textContent())?.replace(/\s/g, '') ?? '';
  if (!/^\d{8,}$/.test(text)) throw new Error(`shop: unexpected pickup code "${text}"`);
  return text;
}

/** The order page shows 已完成 (completed) and a refunded amount above zero. */
/** Waits for the order to show completed with a refund: above zero, or exactly `refundedFen` when given. */
export async function expectCompletedWithRefund(
  page: Page,
  baseUrl: string,
  orderId: string,
  refundedFen?: number,
): Promise<void> {
  await page.goto(`${baseUrl}/shop/orders/${orderId}`);
  await eventually(
    page,
    `the order to show completed with a refund${refundedFen === undefined ? '' : ` of ${refundedFen} fen`}`,
    async () => {
      const status = await orderStatus(page);
      if (status !== 'completed') return null;
      const label = (await page.getByTestId('order-status').first().textContent())?.trim();
      const refunded = page.getByTestId('refunded-amount');
      if (!(await refunded.count())) return null;
      const text = (await refunded.textContent()) ?? '';
      const fen = Math.round(Number(text.replace(/[^\d.]/g, '')) * 100);
      if (!(fen > 0) || (refundedFen !== undefined && fen !== refundedFen)) return null;
      if (label !== '已完成' && label !== 'Completed') throw new Error(`shop: completed order labelled "${label}"`);
      return true;
    },
  );
}
