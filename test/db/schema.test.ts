import crypto from 'node:crypto';
import { useTestDatabase } from '../support/database';

/*
 * The constraints the rest of the system relies on the database to enforce, proved against a
 * real PostgreSQL. Every test makes its own demands, so tests do not depend on each other.
 */

const UNIQUE = '23505';
const CHECK = '23514';
// What forbid_change() raises on append-only tables.
const APPEND_ONLY = { code: '23001', message: expect.stringContaining('append-only') };

const DISTRICT = '511999';
const TOWNSHIP = '511999101';
const VILLAGE = '511999101201';
const OTHER_VILLAGE = '511999101202';
const GRID = '511999101201-G03';
const DEPARTMENT = '511999-HOUSING';

const sha256 = (text: string): string => crypto.createHash('sha256').update(text).digest('hex');
const GENESIS = '0'.repeat(64);

describe('domain schema constraints', () => {
  const db = useTestDatabase();
  let handler = '';
  let leader = '';
  let counter = 0;

  beforeAll(async () => {
    await db.knex('org_units').insert([
      { code: DISTRICT, name: '示范区', tier: 'district', parent_code: null },
      { code: TOWNSHIP, name: '城南街道', tier: 'township', parent_code: DISTRICT },
      { code: VILLAGE, name: '桂花社区', tier: 'village', parent_code: TOWNSHIP },
      { code: OTHER_VILLAGE, name: '柳树村', tier: 'village', parent_code: TOWNSHIP },
      { code: GRID, name: '第三网格', tier: 'grid', parent_code: VILLAGE },
      { code: DEPARTMENT, name: '区住建局', tier: 'department', parent_code: DISTRICT },
    ]);
    const users = await db
      .knex('users')
      .insert([
        { username: 'handler', display_name: '李网格', password_hash: 'x', unit_code: VILLAGE },
        { username: 'leader', display_name: '王书记', password_hash: 'x', unit_code: TOWNSHIP },
      ])
      .returning('id');
    [handler = '', leader = ''] = users.map((u: { id: string }) => u.id);
  });

  async function insertDemand(values: Record<string, unknown> = {}): Promise<string> {
    counter += 1;
    const [row] = await db
      .knex('demands')
      .insert({
        code: `MS-511999-20261121-${String(counter).padStart(6, '0')}`,
        channel: 'hotline_12345',
        content_original: '小區門口路燈壞了',
        content_normalised: '小区门口路灯坏了',
        category: 'complaint',
        ...values,
      })
      .returning('id');
    return (row as { id: string }).id;
  }

  async function insertClock(demandId: string): Promise<string> {
    const [row] = await db
      .knex('demand_clocks')
      .insert({
        demand_id: demandId,
        kind: 'resolution',
        started_at: '2026-11-23T09:00:00+08:00',
        due_at: '2027-01-05T09:00:00+08:00',
        working_days: 30,
      })
      .returning('id');
    return (row as { id: string }).id;
  }

  describe('demands', () => {
    it('takes the same channel ticket only once (idempotent intake)', async () => {
      await insertDemand({ channel: 'wechat', channel_ticket_id: 'WX-1001' });
      await expect(
        insertDemand({ channel: 'wechat', channel_ticket_id: 'WX-1001' }),
      ).rejects.toMatchObject({ code: UNIQUE, constraint: 'demands_channel_ticket_unique' });

      // The same ticket number on another channel is another demand; no ticket is no key.
      await insertDemand({ channel: 'mailbox', channel_ticket_id: 'WX-1001' });
      await insertDemand({ channel: 'wechat' });
      await insertDemand({ channel: 'wechat' });
      await expect(
        insertDemand({ channel: 'wechat', channel_ticket_id: ' ' }),
      ).rejects.toMatchObject({ code: CHECK, constraint: 'demands_channel_ticket_id_check' });
    });

    it("speaks the contract's vocabulary for channels, categories and statuses", async () => {
      await expect(insertDemand({ channel: 'qr_code' })).rejects.toMatchObject({
        code: CHECK,
        constraint: 'demands_channel_check',
      });
      await expect(insertDemand({ category: 'request_for_help' })).rejects.toMatchObject({
        code: CHECK,
        constraint: 'demands_category_check',
      });
      await expect(insertDemand({ status: 'dispatched' })).rejects.toMatchObject({
        code: CHECK,
        constraint: 'demands_status_check',
      });
      // Screening decides the category: a demand may arrive without one.
      await insertDemand({ channel: 'citizen_web', category: null, status: 'screening' });
    });

    it('explains every invalid demand and names the original of every merged one', async () => {
      const rejected = { code: CHECK, constraint: 'demands_screening_check' };
      await expect(
        insertDemand({ status: 'closed_invalid', screening_outcome: 'invalid_false_info' }),
      ).rejects.toMatchObject(rejected);
      await expect(insertDemand({ status: 'merged' })).rejects.toMatchObject(rejected);
      await expect(insertDemand({ diverted_to: '911' })).rejects.toMatchObject(rejected);
      const original = await insertDemand();
      await insertDemand({
        status: 'merged',
        screening_outcome: 'invalid_repeat_no_new_facts',
        duplicate_of_demand_id: original,
      });
      await insertDemand({
        status: 'closed_invalid',
        screening_outcome: 'invalid_out_of_scope',
        screening_explanation: '该事项属于其他区管辖，请联系所在区12345。',
      });
      await insertDemand({ status: 'diverted', diverted_to: '119' });
    });

    it('is archived exactly when it carries its archive time', async () => {
      const rejected = { code: CHECK, constraint: 'demands_verification_check' };
      await expect(
        insertDemand({ status: 'archived', tier: 'village', responsible_unit_code: VILLAGE }),
      ).rejects.toMatchObject(rejected);
      await expect(
        insertDemand({ archived_at: '2026-12-01T10:00:00+08:00' }),
      ).rejects.toMatchObject(rejected);
      await expect(insertDemand({ satisfaction: 'happy' })).rejects.toMatchObject(rejected);
    });

    it('is not handled before it has a tier and a responsible unit', async () => {
      const id = await insertDemand();
      await expect(
        db.knex('demands').where({ id }).update({ status: 'handling' }),
      ).rejects.toMatchObject({ code: CHECK, constraint: 'demands_routed_check' });
      await db
        .knex('demands')
        .where({ id })
        .update({ status: 'handling', tier: 'village', responsible_unit_code: VILLAGE });
    });

    it('keeps ciphertext, mask and blind index together and refuses an unmasked number', async () => {
      const pii = {
        citizen_phone_enc: 'v1:aXY=:dGFn:Y2lwaGVy',
        citizen_phone_masked: '138****1234',
        citizen_phone_hash: sha256('13812341234'),
      };
      const id = await insertDemand(pii);
      const row = await db.knex('demands').where({ id }).first();
      expect(row).toMatchObject({ anonymous_to_units: true, status: 'received' });

      const rejected = { code: CHECK, constraint: 'demands_citizen_pii_check' };
      await expect(insertDemand({ ...pii, citizen_phone_hash: null })).rejects.toMatchObject(
        rejected,
      );
      await expect(
        insertDemand({ ...pii, citizen_phone_masked: '13812341234' }),
      ).rejects.toMatchObject(rejected);
    });
  });

  describe('assignments', () => {
    it('allows one active lead unit per demand, and a new one after an objection', async () => {
      const demandId = await insertDemand({ tier: 'township' });
      const lead = { demand_id: demandId, role: 'lead', tier: 'township' };
      const [first] = await db
        .knex('assignments')
        .insert({ ...lead, unit_code: TOWNSHIP })
        .returning('id');
      await db
        .knex('assignments')
        .insert({ demand_id: demandId, role: 'co', tier: 'district', unit_code: DEPARTMENT });

      await expect(
        db.knex('assignments').insert({ ...lead, unit_code: VILLAGE }),
      ).rejects.toMatchObject({ code: UNIQUE, constraint: 'assignments_one_active_lead' });

      await expect(
        db.knex('assignments').where(first).update({ status: 'objected' }),
      ).rejects.toMatchObject({ code: CHECK, constraint: 'assignments_objection_check' });
      await db.knex('assignments').where(first).update({
        status: 'objected',
        objection_reason: '属区住建局职责',
        ended_at: db.knex.fn.now(),
      });
      // A unit already active on the demand (here as co-unit) cannot be added a second time.
      await expect(
        db.knex('assignments').insert({ ...lead, tier: 'district', unit_code: DEPARTMENT }),
      ).rejects.toMatchObject({ code: UNIQUE, constraint: 'assignments_one_active_per_unit' });
      await db.knex('assignments').insert({ ...lead, unit_code: VILLAGE, tier: 'village' });
    });
  });

  describe('ledger', () => {
    it('refuses to update, delete or truncate ledger events', async () => {
      const demandId = await insertDemand();
      const [event] = await db
        .knex('ledger_events')
        .insert({ demand_id: demandId, tier: 'village', unit_code: VILLAGE, event_type: 'entered' })
        .returning('id');

      await expect(
        db.knex('ledger_events').where(event).update({ event_type: 'resolved' }),
      ).rejects.toMatchObject(APPEND_ONLY);
      await expect(db.knex('ledger_events').where(event).delete()).rejects.toMatchObject(
        APPEND_ONLY,
      );
      await expect(db.knex.raw('TRUNCATE ledger_events CASCADE')).rejects.toMatchObject(
        APPEND_ONLY,
      );
      expect(await db.knex('ledger_events').where(event).first()).toMatchObject({
        event_type: 'entered',
      });
    });

    it('derives the current entry per tier from the latest event', async () => {
      const demandId = await insertDemand();
      await db.knex.transaction(async (trx) => {
        // One transaction: the events share occurred_at, so the order of writing decides.
        for (const event_type of ['entered', 'assigned', 'progress']) {
          await trx('ledger_events').insert({
            demand_id: demandId,
            tier: 'village',
            unit_code: VILLAGE,
            event_type,
          });
        }
      });
      await db.knex('ledger_events').insert({
        demand_id: demandId,
        tier: 'township',
        unit_code: TOWNSHIP,
        event_type: 'entered',
      });

      const current = await db
        .knex('ledger_current')
        .where({ demand_id: demandId })
        .orderBy('tier')
        .select('tier', 'unit_code', 'last_event_type', 'entry_count');
      expect(current).toEqual([
        { tier: 'township', unit_code: TOWNSHIP, last_event_type: 'entered', entry_count: 1 },
        { tier: 'village', unit_code: VILLAGE, last_event_type: 'progress', entry_count: 3 },
      ]);
    });

    it('files a demand located at a grid under its village in every tier ledger', async () => {
      const atGrid = await insertDemand({ location_unit_code: GRID });
      const atOtherVillage = await insertDemand({ location_unit_code: OTHER_VILLAGE });
      await db.knex('assignments').insert({
        demand_id: atGrid,
        unit_code: VILLAGE,
        role: 'lead',
        tier: 'village',
        handler_user_id: handler,
      });
      for (const demandId of [atGrid, atOtherVillage]) {
        await db.knex('ledger_events').insert([
          { demand_id: demandId, tier: 'district', unit_code: DISTRICT, event_type: 'entered' },
          { demand_id: demandId, tier: 'township', unit_code: TOWNSHIP, event_type: 'entered' },
        ]);
      }
      await db
        .knex('ledger_events')
        .insert({ demand_id: atGrid, tier: 'village', unit_code: VILLAGE, event_type: 'entered' });

      const township = await db
        .knex('township_sub_ledger')
        .where({ unit_code: TOWNSHIP })
        .whereIn('demand_id', [atGrid, atOtherVillage])
        .orderBy('demand_id')
        .select('demand_id', 'unit_name', 'village_code', 'village_name', 'location_unit_name');
      expect(township).toEqual([
        {
          demand_id: atGrid,
          unit_name: '城南街道',
          village_code: VILLAGE,
          village_name: '桂花社区',
          location_unit_name: '第三网格',
        },
        {
          demand_id: atOtherVillage,
          unit_name: '城南街道',
          village_code: OTHER_VILLAGE,
          village_name: '柳树村',
          location_unit_name: '柳树村',
        },
      ]);

      const village = await db
        .knex('village_micro_ledger')
        .where({ demand_id: atGrid })
        .first('unit_code', 'grid_code', 'grid_name', 'handler_name');
      expect(village).toEqual({
        unit_code: VILLAGE,
        grid_code: GRID,
        grid_name: '第三网格',
        handler_name: '李网格',
      });

      const district = await db
        .knex('district_master_ledger')
        .where({ demand_id: atGrid })
        .first('township_code', 'village_code');
      expect(district).toEqual({ township_code: TOWNSHIP, village_code: VILLAGE });
    });
  });

  describe('clocks', () => {
    it('approves at most one extension per clock, never by the requester', async () => {
      const clockId = await insertClock(await insertDemand());
      const extension = {
        clock_id: clockId,
        extra_working_days: 30,
        reason: '需协调多个部门',
        requested_by_user_id: handler,
      };
      const approved = {
        state: 'approved',
        approved_by_user_id: leader,
        approved_at: '2026-12-01',
      };
      await db.knex('clock_extensions').insert({ ...extension, state: 'rejected' });
      await db.knex('clock_extensions').insert({ ...extension, ...approved });

      await expect(
        db.knex('clock_extensions').insert({ ...extension, ...approved }),
      ).rejects.toMatchObject({ code: UNIQUE, constraint: 'clock_extensions_one_approved' });
      await expect(
        db.knex('clock_extensions').insert({
          ...extension,
          clock_id: await insertClock(await insertDemand()),
          ...approved,
          approved_by_user_id: handler,
        }),
      ).rejects.toMatchObject({ code: CHECK, constraint: 'clock_extensions_check' });
      await expect(
        db.knex('clock_extensions').insert({ ...extension, extra_working_days: 0 }),
      ).rejects.toMatchObject({ code: CHECK, constraint: 'clock_extensions_check' });
    });

    it('has one clock per kind per demand and one open pause per clock', async () => {
      const demandId = await insertDemand();
      const clockId = await insertClock(demandId);
      await expect(insertClock(demandId)).rejects.toMatchObject({
        code: UNIQUE,
        constraint: 'demand_clocks_demand_id_kind_unique',
      });

      const pause = {
        clock_id: clockId,
        reason: '等待群众补充材料',
        requested_by_user_id: handler,
      };
      await db.knex('clock_pauses').insert(pause);
      await expect(db.knex('clock_pauses').insert(pause)).rejects.toMatchObject({
        code: UNIQUE,
        constraint: 'clock_pauses_one_open',
      });
    });
  });

  describe('sign-off', () => {
    it('takes one signature per party per round, and staff signatures name a user', async () => {
      const demandId = await insertDemand();
      const citizen = { demand_id: demandId, party: 'citizen', statement: '问题已解决，同意销号' };
      await db.knex('sign_offs').insert({ ...citizen, signer_name_masked: '张*' });
      await expect(db.knex('sign_offs').insert(citizen)).rejects.toMatchObject({
        code: UNIQUE,
        constraint: 'sign_offs_demand_id_party_round_unique',
      });
      await db.knex('sign_offs').insert({ ...citizen, round: 2 });

      await expect(
        db.knex('sign_offs').insert({ demand_id: demandId, party: 'handler', statement: '已修复' }),
      ).rejects.toMatchObject({ code: CHECK, constraint: 'sign_offs_check' });
    });
  });

  describe('archive', () => {
    it('chains entries without forks and never changes one', async () => {
      const entry = async (sequence: number, previous: string) => {
        const record = { demand: await insertDemand(), sequence };
        const record_hash = sha256(previous + JSON.stringify(record));
        await db.knex('archive_entries').insert({
          demand_id: record.demand,
          sequence,
          record,
          record_hash,
          previous_hash: previous,
        });
        return record_hash;
      };
      const first = await entry(1, GENESIS);
      await entry(2, first);

      await expect(entry(3, first)).rejects.toMatchObject({
        code: UNIQUE,
        constraint: 'archive_entries_previous_hash_unique',
      });
      await expect(entry(3, GENESIS)).rejects.toMatchObject({
        code: CHECK,
        constraint: 'archive_entries_chain_check',
      });
      await expect(
        db.knex('archive_entries').where({ sequence: 1 }).update({ record: {} }),
      ).rejects.toMatchObject(APPEND_ONLY);
      await expect(
        db.knex('archive_entries').where({ sequence: 2 }).delete(),
      ).rejects.toMatchObject(APPEND_ONLY);
    });
  });

  describe('rankings and logs', () => {
    const ranking = {
      unit_code: VILLAGE,
      period_kind: 'monthly',
      period: '2026-11',
      response_rate: '1.0000',
      resolution_rate: '0.9820',
      satisfaction_rate: '0.9500',
      on_time_rate: '0.9000',
      score: '95.5',
      rank: 1,
    };

    it('keeps rates between 0 and 1 and periods well formed', async () => {
      await expect(
        db.knex('unit_rankings').insert({ ...ranking, satisfaction_rate: 1.5 }),
      ).rejects.toMatchObject({ code: CHECK, constraint: 'unit_rankings_rates_check' });
      await expect(
        db.knex('unit_rankings').insert({ ...ranking, period: '2026-13' }),
      ).rejects.toMatchObject({ code: CHECK, constraint: 'unit_rankings_period_check' });

      await db.knex('unit_rankings').insert(ranking);
      await db
        .knex('unit_rankings')
        .insert({ ...ranking, period_kind: 'weekly', period: '2026-W47' });
      await expect(db.knex('unit_rankings').insert(ranking)).rejects.toMatchObject({
        code: UNIQUE,
        constraint: 'unit_rankings_unit_code_period_kind_period_unique',
      });
    });

    it('never rewrites the access or audit log', async () => {
      const [access] = await db
        .knex('access_log')
        .insert({ user_id: leader, field: 'citizen_phone', purpose: '回访', ip: '127.0.0.1' })
        .returning('id');
      const [audit] = await db
        .knex('audit_log')
        .insert({ user_id: leader, action: 'demand.dispatch', entity_type: 'demand' })
        .returning('id');

      await expect(
        db.knex('access_log').where(access).update({ purpose: '' }),
      ).rejects.toMatchObject(APPEND_ONLY);
      await expect(db.knex('audit_log').where(audit).delete()).rejects.toMatchObject(APPEND_ONLY);
    });

    it('never queues a notification to a full ID number', async () => {
      await expect(
        db.knex('notification_outbox').insert({
          channel: 'sms',
          recipient: '51199919900101123X',
          template: 'demand-received',
        }),
      ).rejects.toMatchObject({ code: CHECK, constraint: 'notification_outbox_check' });
    });
  });
});
