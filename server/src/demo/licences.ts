import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { exec, one, pgArray, type Db } from '../db/client.js';
import { PRIVATE_PREFIX, type FileStorage } from '../lib/storage.js';
import { addDays } from '../lib/time.js';
import { raiseDocumentExpiryAlerts, supplierToday } from '../modules/catalog/documents.js';
import { SUPPLIERS } from './data.js';

/** A one-page PDF saying what it is: the demo's stand-in for a scanned licence. */
export function demoLicencePdf(): Buffer {
  const text = 'BT /F1 28 Tf 72 720 Td (Linli demo licence - sample only) Tj ET';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) pdf += `${String(o).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

/** the demo supplier whose food licence runs out within 30 days, so the alert inbox has something on first start */
export const EXPIRING_SUPPLIER = SUPPLIERS[3];

/**
 * Every demo supplier must hold an approved business licence (营业执照, no expiry) and food
 * licence (食品经营许可证, valid about a year; 康乳乳业's runs out in 20 days); one product gets a
 * backup supplier. One stored file and a handful of set-based statements: the first start is timed.
 */
export async function seedSupplierLicences(db: Db, storage: FileStorage, now = new Date()) {
  const pdf = demoLicencePdf();
  const key = `${PRIVATE_PREFIX}supplier-documents/${createHash('sha256').update(pdf).digest('hex')}.pdf`;
  await storage.put(key, pdf, 'application/pdf');
  const today = supplierToday(now);
  const names = pgArray([...SUPPLIERS]);
  await exec(
    db,
    sql`update suppliers set required_documents = '{business_licence,food_licence}' where name = any(${names}::text[])`,
  );
  await exec(
    db,
    sql`
    insert into supplier_documents (supplier_id, kind, number, expires_on, file_key, content_type, size_bytes, file_name,
                                    review_status, reviewed_at)
    select s.id, k.kind,
      (case k.kind when 'business_licence' then '91310000' else 'JY13101' end) || lpad((row_number() over ())::text, 10, '0'),
      case when k.kind = 'business_licence' then null
           when s.name = ${EXPIRING_SUPPLIER} then ${addDays(today, 20)}::date
           else ${addDays(today, 300)}::date end,
      ${key}, 'application/pdf', ${pdf.length}, k.kind || '.pdf', 'approved', now()
    from suppliers s cross join (values ('business_licence'), ('food_licence')) as k(kind)
    where s.name = any(${names}::text[])`,
  );
  // 鲜果时光果业's first fruit can come from 绿源果蔬合作社 when it cannot deliver
  await exec(
    db,
    sql`
    update products set backup_supplier_id = (select id from suppliers where name = ${SUPPLIERS[0]} order by created_at limit 1)
    where id = (select p.id from products p join suppliers s on s.id = p.supplier_id
                where s.name = ${SUPPLIERS[1]} order by p.created_at, p.id limit 1)`,
  );
  const alerts = await raiseDocumentExpiryAlerts(db, now);
  const docs = await one<{ n: number }>(db, sql`select count(*)::int as n from supplier_documents`);
  return { documents: docs?.n ?? 0, alerts };
}
