import { generateDemoDistrict } from '../../domain/org';
import { importOrgTree } from '../../server/org';
import { loadDuplicatePolicy } from '../../server/triage/duplicates';
import { findDemandByCode } from '../../workers/support/demand-store';
import { joinGroupOf } from '../../workers/support/duplicate-group';
import { superviseRepeatedGroup } from '../../workers/support/listed-supervision';
import { useTestDatabase } from '../support/database';

const demo = generateDemoDistrict();
const TOWNSHIP = demo.children![0]!;
const VILLAGE = TOWNSHIP.children![0]!;
const NOW = new Date('2026-11-20T10:00:00+08:00');
const THRESHOLD = loadDuplicatePolicy().listedSupervisionThreshold;

/**
 * Repeats count toward listed supervision (挂牌督办): when a duplicate group reaches the policy's
 * size, the unit handling its first demand gets one listed supervision order.
 */
describe('listed supervision of a matter reported again and again', () => {
  const db = useTestDatabase();

  beforeAll(async () => {
    await importOrgTree(db.knex, demo);
  });

  async function demand(code: string, handledBy: string | null = null): Promise<void> {
    await db.knex('demands').insert({
      code,
      channel: 'hotline_12345',
      content_original: '小区大门被商贩占道堵住',
      content_normalised: '小区大门被商贩占道堵住',
      district_code: demo.code,
      township_code: TOWNSHIP.code,
      village_code: VILLAGE.code,
      status: handledBy ? 'handling' : 'screening',
      tier: handledBy ? 'village' : null,
      responsible_unit_code: handledBy,
    });
  }

  /** Joins `code` to the group of `originalCode` as the merge job does, in one transaction. */
  async function join(code: string, originalCode: string, at = NOW): Promise<void> {
    await db.knex.transaction(async (trx) => {
      const repeat = (await findDemandByCode(trx, code))!;
      await joinGroupOf(trx, repeat, originalCode, at);
    });
  }

  async function effectsOn(code: string) {
    const { id } = await db.knex('demands').where({ code }).first('id');
    return {
      orders: await db
        .knex('supervision_orders')
        .where({ demand_id: id })
        .select('code', 'unit_code', 'level', 'kind', 'reason', 'issued_at'),
      history: await db
        .knex('demand_history')
        .where({ demand_id: id, action: 'supervision.listed' })
        .select('actor', 'detail'),
      ledger: await db
        .knex('ledger_events')
        .where({ demand_id: id, event_type: 'supervised' })
        .select('unit_code', 'payload'),
      notices: await db
        .knex('notification_outbox')
        .where({ template: 'supervision_order' })
        .whereRaw(`payload->>'demandCode' = ?`, [code])
        .select('recipient', 'payload'),
    };
  }

  it('uses the policy file’s threshold of three demands', () => {
    expect(THRESHOLD).toBe(3);
  });

  it('opens one red order to the handling unit when the group reaches the threshold, and only once', async () => {
    await demand('GATE-1', VILLAGE.code);
    for (const code of ['GATE-2', 'GATE-3', 'GATE-4']) await demand(code);

    await join('GATE-2', 'GATE-1');
    expect((await effectsOn('GATE-1')).orders).toEqual([]);

    await join('GATE-3', 'GATE-1');
    const groupId = String(
      (await db.knex('demands').where({ code: 'GATE-1' }).first('duplicate_group_id'))
        .duplicate_group_id,
    );
    const opened = await effectsOn('GATE-1');
    expect(opened.orders).toEqual([
      {
        code: 'DB-GATE-1-1',
        unit_code: VILLAGE.code,
        level: 'red',
        kind: 'listed_supervision',
        reason: expect.stringContaining('反映 3 次'),
        issued_at: NOW,
      },
    ]);
    expect(opened.history).toEqual([
      {
        actor: 'system',
        detail: {
          orderCode: 'DB-GATE-1-1',
          level: 'red',
          unitCode: VILLAGE.code,
          groupId,
          groupSize: 3,
        },
      },
    ]);
    expect(opened.ledger).toEqual([
      {
        unit_code: VILLAGE.code,
        payload: expect.objectContaining({ orderCode: 'DB-GATE-1-1', groupSize: 3 }),
      },
    ]);
    expect(opened.notices).toEqual([
      {
        recipient: `unit:${VILLAGE.code}`,
        payload: expect.objectContaining({ orderCode: 'DB-GATE-1-1', kind: 'listed_supervision' }),
      },
    ]);

    // A fourth report joins the group; the order stays the one it was.
    await join('GATE-4', 'GATE-1', new Date(NOW.getTime() + 86_400_000));
    expect(await effectsOn('GATE-1')).toEqual(opened);
    for (const code of ['GATE-2', 'GATE-3', 'GATE-4']) {
      expect((await effectsOn(code)).orders).toEqual([]);
    }
  });

  it('addresses the township while nobody handles the first demand, counting repeats of repeats', async () => {
    await demand('LAMP-1');
    await demand('LAMP-2');
    await demand('LAMP-3');
    await join('LAMP-2', 'LAMP-1');
    // Screening named the earlier repeat, not the first demand: still the same group.
    await join('LAMP-3', 'LAMP-2');
    const { orders, history } = await effectsOn('LAMP-1');
    expect(orders).toEqual([
      expect.objectContaining({ unit_code: TOWNSHIP.code, kind: 'listed_supervision' }),
    ]);
    expect(history).toEqual([
      { actor: 'system', detail: expect.objectContaining({ groupSize: 3 }) },
    ]);
  });

  it('follows the threshold it is given, and opens an order once', async () => {
    await demand('DUST-1', VILLAGE.code);
    await demand('DUST-2');
    const groupId = await db.knex.transaction(async (trx) => {
      const repeat = (await findDemandByCode(trx, 'DUST-2'))!;
      return (await joinGroupOf(trx, repeat, 'DUST-1', NOW)).duplicate_group_id!;
    });
    // Two demands are below the shipped threshold: nothing yet.
    expect((await effectsOn('DUST-1')).orders).toEqual([]);
    await db.knex.transaction(async (trx) => {
      expect(await superviseRepeatedGroup(trx, groupId, NOW, 3)).toBeUndefined();
      expect(await superviseRepeatedGroup(trx, groupId, NOW, 2)).toBe('DB-DUST-1-1');
      expect(await superviseRepeatedGroup(trx, groupId, NOW, 2)).toBeUndefined();
    });
    expect((await effectsOn('DUST-1')).orders).toHaveLength(1);
  });
});
