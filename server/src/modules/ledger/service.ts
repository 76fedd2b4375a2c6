import { sql } from 'drizzle-orm';
import { one, type Db } from '../../db/client.js';
import { proratedAmount } from '../../lib/money.js';

/**
 * A refund takes back the commission earned on the refunded part of a line, prorated
 * cumulatively so refunding a whole line reverses exactly its commission. It comes out of the
 * bucket the commission sits in now: pending before settlement, available after (which may
 * then go below zero and is netted against later earnings).
 */
export async function reverseCommissionForRefund(
  db: Db,
  input: { refundId: string; orderLineId: string; linePaidFen: number; refundedBeforeFen: number; refundFen: number },
): Promise<void> {
  const commission = await one<{ id: number; leader_id: string; amount_fen: number; settled: boolean }>(db, sql`
    select c.id, c.leader_id, c.amount_fen,
           exists (select 1 from ledger_entries s where s.business_key = 'settle:' || c.id) as settled
    from ledger_entries c where c.business_key = ${'commission:' + input.orderLineId}`);
  if (!commission || commission.amount_fen === 0 || input.linePaidFen === 0) return;
  const reversal = proratedAmount(commission.amount_fen, input.linePaidFen, input.refundedBeforeFen, input.refundFen);
  if (reversal === 0) return;
  const bucket = commission.settled ? 'available' : 'pending';
  const inserted = await one(db, sql`
    insert into ledger_entries (leader_id, bucket, amount_fen, kind, business_key, order_line_id)
    values (${commission.leader_id}, ${bucket}, ${-reversal}, 'reversal', ${`reversal:${input.refundId}:${input.orderLineId}`}, ${input.orderLineId})
    on conflict (business_key) do nothing returning id`);
  if (!inserted) return;
  await db.execute(sql`update leader_accounts set
      pending_fen = pending_fen - ${bucket === 'pending' ? reversal : 0},
      available_fen = available_fen - ${bucket === 'available' ? reversal : 0}
    where leader_id = ${commission.leader_id}`);
}
