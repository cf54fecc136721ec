import { seedDemoIfEmpty } from '../../server/org';
import { useTestDatabase } from '../support/database';

describe('the demo seed writes two years of demand history', () => {
  const db = useTestDatabase();

  it('stores monthly counts per township and domain for the 24 months before now', async () => {
    const clock = () => new Date('2026-12-03T08:00:00+08:00');
    await seedDemoIfEmpty(db.knex, { log: () => undefined, clock });
    const { rows } = await db.knex.raw<{
      rows: { n: number; townships: number; domains: number; first: string; last: string }[];
    }>(`SELECT count(*)::int AS n, count(DISTINCT township_code)::int AS townships,
               count(DISTINCT domain)::int AS domains, min(month) AS first, max(month) AS last
          FROM demand_monthly_counts WHERE source = 'history' AND district_code = '511999'`);
    expect(rows[0]).toEqual({
      n: 22 * 16 * 24,
      townships: 22,
      domains: 16,
      first: '2024-12',
      last: '2026-11',
    });
    // Enrolment in the summer: education's August beats its March in the district.
    const month = async (m: string) =>
      Number(
        (
          await db
            .knex('demand_monthly_counts')
            .where({ domain: 'education', month: m })
            .sum<{ s: string }[]>('count as s')
        )[0]?.s,
      );
    expect(await month('2026-08')).toBeGreaterThan(2 * (await month('2026-03')));
  });
});
