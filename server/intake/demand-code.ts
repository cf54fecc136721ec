import type { Knex } from 'knex';
import { beijingDateOf } from '../../domain/calendar';

/**
 * The unified code of a demand (编号): `{districtCode}-{yyyymmdd}-{seq}`, e.g.
 * `511999-20260302-00042` — the district, the Beijing date of receipt, and the demand's number
 * that day in that district, five digits (more past 99,999). Staff read it aloud on the phone
 * and ledgers sort by it, so it is short, gap-free and carries no personal data.
 *
 * Call inside the transaction that stores the demand: the counter row stays locked until it
 * commits (serialising that district's intakes for a moment), and a rollback returns the
 * number, so the codes of one district and day have no gaps.
 */
export async function nextDemandCode(
  trx: Knex.Transaction,
  districtCode: string,
  receivedAt: Date,
): Promise<string> {
  const day = beijingDateOf(receivedAt);
  const { rows } = await trx.raw<{ rows: { last_seq: number }[] }>(
    `INSERT INTO demand_code_counters AS c (district_code, day, last_seq) VALUES (?, ?, 1)
     ON CONFLICT (district_code, day) DO UPDATE SET last_seq = c.last_seq + 1
     RETURNING last_seq`,
    [districtCode, day],
  );
  const seq = rows[0]?.last_seq;
  if (seq === undefined) throw new Error('the demand code counter returned no number');
  return `${districtCode}-${day.replace(/-/g, '')}-${String(seq).padStart(5, '0')}`;
}

/** The shape of a unified code, to refuse anything else before touching the database. */
export const DEMAND_CODE_PATTERN = /^[0-9A-Za-z]{1,20}-\d{8}-\d{5,}$/;
