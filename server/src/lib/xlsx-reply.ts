import type { FastifyReply } from 'fastify';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Sends a workbook as a download named `name`: `filename*` (RFC 5987) keeps a Chinese name
 * intact, `filename` is the plain ASCII one older clients read (by default the name with every
 * other character replaced).
 */
export function sendXlsx(reply: FastifyReply, body: Buffer, name: string, ascii = name.replace(/[^\w.-]/g, '_')) {
  return reply
    .header('content-type', XLSX)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`)
    .send(body);
}
