import { createFieldCipher, createFieldHasher } from '../../domain/pii';
import request from 'supertest';
import { importOrgTree } from '../../server/org';
import { useTestDatabase } from '../support/database';
import {
  DISTRICT,
  GRID,
  HOUSING_DEPARTMENT,
  TOWNSHIP,
  VILLAGE,
  auditRows,
  channelKey,
  importDemoDistrict,
  intakeCounts,
  makeApp,
  type TestApp,
} from './helpers';

const PHONE = '13912345678';
const ID_NUMBER = '11010519491231002X';
const NAME = '欧阳明月';

/** A complete delivery as a hotline adapter sends it. */
function delivery(overrides: Record<string, unknown> = {}) {
  return {
    externalId: `12345-20260302-${Math.random().toString(36).slice(2, 8)}`,
    submittedAt: '2026-03-02T11:13:53+08:00',
    citizen: { name: NAME, phone: '+86 139-1234-5678', idNumber: '110105 19491231 002x' },
    content: '小區門口的路燈壞了一個多月，晚上出行很不方便',
    location: { address: '幸福路12号', unitCode: GRID.code, lat: 31.8, lng: 106.7 },
    attachments: [
      { name: 'photo.jpg', mediaType: 'image/jpeg', size: 123456, sha256: 'A'.repeat(64) },
    ],
    ...overrides,
  };
}

describe('POST /api/demands (channel intake)', () => {
  const db = useTestDatabase();
  let t: TestApp;
  let hotline: { id: string; key: string };
  let letters: { id: string; key: string };
  const stored: string[] = [];

  beforeAll(async () => {
    await importDemoDistrict(db.knex);
    hotline = await channelKey(db.knex, 'hotline_12345');
    letters = await channelKey(db.knex, 'letter');
    t = makeApp(db.knex, { onDemandStored: () => stored.push('stored') });
  });

  const post = (body: unknown, key = hotline.key) =>
    request(t.app)
      .post('/api/demands')
      .set('Authorization', `Bearer ${key}`)
      .send(body as object);

  it('stores a demand: 201 with its code, places resolved, text normalised, original kept', async () => {
    const before = stored.length;
    const res = await post(delivery({ externalId: 'first-one' }));
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      code: expect.stringMatching(new RegExp(`^${DISTRICT}-\\d{8}-\\d{5}$`)),
      status: 'received',
      divertedTo: null,
      duplicateOf: null,
      message: expect.stringContaining(res.body.code),
    });
    expect(res.body.message).toMatch(/^您的诉求已受理/);
    expect(stored.length).toBe(before + 1);

    const row = await db.knex('demands').where({ code: res.body.code }).first();
    expect(row).toEqual(
      expect.objectContaining({
        channel: 'hotline_12345',
        channel_ticket_id: 'first-one',
        channel_key_id: hotline.id,
        status: 'received',
        location_unit_code: GRID.code,
        grid_code: GRID.code,
        village_code: VILLAGE.code,
        township_code: TOWNSHIP.code,
        district_code: DISTRICT,
        content_original: '小區門口的路燈壞了一個多月，晚上出行很不方便',
        content_normalised: '小区门口的路灯坏了一个多月，晚上出行很不方便',
        address: '幸福路12号',
        is_petition: false,
        diverted_to: null,
      }),
    );
    expect(row.submitted_at.toISOString()).toBe('2026-03-02T03:13:53.000Z');
    expect(row.intake_answer).toEqual(res.body);
    // Triage proposed at intake: a street light is urban management, for the village to fix.
    expect(row.suggestion).toEqual(
      expect.objectContaining({
        outcome: 'valid',
        domain: 'urban_management',
        tier: 'village',
        leadUnitCode: VILLAGE.code,
        divertedTo: null,
        duplicateOf: null,
        modelVersion: expect.any(Number),
        reasons: expect.arrayContaining([expect.stringContaining('路灯')]),
      }),
    );

    expect(await db.knex('demand_attachments').where({ demand_id: row.id })).toEqual([
      expect.objectContaining({
        position: 0,
        name: 'photo.jpg',
        media_type: 'image/jpeg',
        size_bytes: '123456',
        sha256: 'a'.repeat(64),
      }),
    ]);
    expect(await db.knex('demand_history').where({ demand_id: row.id })).toEqual([
      expect.objectContaining({
        actor: 'channel:hotline_12345',
        action: 'received',
        detail: expect.objectContaining({ channel: 'hotline_12345', externalId: 'first-one' }),
      }),
    ]);
    expect(await db.knex('process_start_outbox').where({ demand_id: row.id })).toEqual([
      expect.objectContaining({ started_at: null, process_instance_key: null, attempts: 0 }),
    ]);
    const [audit] = await auditRows(db.knex, res.headers['x-request-id'] as string);
    expect(audit).toEqual(
      expect.objectContaining({
        action: 'demand.intake',
        entity_type: 'demand',
        entity_id: res.body.code,
        details: expect.objectContaining({ channel: 'hotline_12345', channelKeyId: hotline.id }),
      }),
    );
  });

  it('keeps personal data only encrypted, masked and blind-indexed, and never logs it', async () => {
    const res = await post(delivery({ externalId: 'pii-check' }));
    expect(res.status).toBe(201);
    const row = await db.knex('demands').where({ code: res.body.code }).first();
    const cipher = createFieldCipher(t.dataKey);
    const hasher = createFieldHasher(t.dataKey);
    expect(row.citizen_name_masked).toBe('欧***');
    expect(row.citizen_phone_masked).toBe('139****5678');
    expect(row.citizen_id_number_masked).toBe('1101**********002X');
    expect(cipher.decrypt(row.citizen_phone_enc)).toBe(PHONE);
    expect(cipher.decrypt(row.citizen_id_number_enc)).toBe(ID_NUMBER);
    expect(cipher.decrypt(row.citizen_name_enc)).toBe(NAME);
    expect(row.citizen_phone_hash).toBe(hasher.hash(PHONE));
    expect(row.citizen_id_number_hash).toBe(hasher.hash(ID_NUMBER));

    const everything = JSON.stringify([
      row,
      await db.knex('demand_history').where({ demand_id: row.id }),
      await db.knex('process_start_outbox').where({ demand_id: row.id }),
      await auditRows(db.knex, res.headers['x-request-id'] as string),
      t.logs,
    ]);
    for (const clear of [PHONE, ID_NUMBER, '11010519491231002x', NAME, '1234-5678']) {
      expect(everything).not.toContain(clear);
    }
  });

  it('answers the same channel and externalId again with 200 and the same body, storing nothing', async () => {
    const body = delivery({ externalId: 'twice' });
    const first = await post(body);
    expect(first.status).toBe(201);
    const before = await intakeCounts(db.knex);
    const second = await post({ ...body, content: '内容变了也一样' });
    expect(second.status).toBe(200);
    expect(second.text).toBe(first.text);
    expect(await intakeCounts(db.knex)).toEqual(before);
    // Another channel may use the same ticket id for its own demand.
    const other = await post({ ...body, petition: false }, letters.key);
    expect(other.status).toBe(201);
    expect(other.body.code).not.toBe(first.body.code);
  });

  it('stores concurrent deliveries of one ticket once, answering all with the same body', async () => {
    const body = delivery({ externalId: 'concurrent' });
    const before = await intakeCounts(db.knex);
    const answers = await Promise.all(Array.from({ length: 8 }, () => post(body)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    const codes = new Set(answers.map((a) => JSON.stringify(a.body)));
    expect(codes.size).toBe(1);
    const after = await intakeCounts(db.knex);
    expect(after.demands).toBe(before.demands + 1);
    expect(after.outbox).toBe(before.outbox + 1);
    expect(after.history).toBe(before.history + 1);
  });

  it('numbers codes per district and Beijing day without gaps', async () => {
    const a = await post(delivery());
    const b = await post(delivery());
    const seq = (code: string) => Number(code.split('-')[2]);
    expect(seq(b.body.code)).toBe(seq(a.body.code) + 1);
    const day = a.body.code.split('-')[1];
    const [count] = await db
      .knex('demands')
      .where('code', 'like', `${DISTRICT}-${day}-%`)
      .count<{ c: string }[]>('* as c');
    expect(seq(b.body.code)).toBe(Number(count?.c));
  });

  it('refuses bad input with 400 and every error, storing nothing', async () => {
    const before = await intakeCounts(db.knex);
    const res = await post({
      externalId: 42,
      submittedAt: '2026-03-02 11:13',
      citizen: { phone: '12345', idNumber: '110105194912310021', anonymous: 'no' },
      content: '   ',
      location: { unitCode: 'no-such-unit', lat: 95 },
      attachments: [{ name: 'a/b.jpg', mediaType: 'jpeg', size: -1, sha256: 'xyz' }],
      petition: true,
    });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.type).toBe('urn:minsheng:problem:invalid-input');
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(
      [
        'attachments[0].mediaType',
        'attachments[0].name',
        'attachments[0].sha256',
        'attachments[0].size',
        'citizen.anonymous',
        'citizen.idNumber',
        'citizen.phone',
        'content',
        'externalId',
        'location.lat',
        'petition',
        'submittedAt',
      ].sort(),
    );
    // The messages never repeat the values.
    expect(JSON.stringify(res.body)).not.toContain('110105194912310021');
    expect(await intakeCounts(db.knex)).toEqual(before);
  });

  it('refuses a submittedAt in the future, too long content and an unknown unit', async () => {
    const before = await intakeCounts(db.knex);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ submittedAt: future }, 'submittedAt'],
      [{ content: '长'.repeat(5001) }, 'content'],
      [{ location: { unitCode: '519999999999' } }, 'location.unitCode'],
      [{ location: { unitCode: HOUSING_DEPARTMENT.code } }, 'location.unitCode'],
      [{ content: undefined }, 'content'],
      [{ location: { lat: 31.8 } }, 'location'],
    ];
    for (const [override, field] of cases) {
      const res = await post(delivery(override));
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ field, message: expect.any(String) }]);
    }
    // Exactly 5,000 characters after normalisation (full-width letters become ASCII) is fine.
    const atLimit = await post(delivery({ content: 'Ａ'.repeat(5000) }));
    expect(atLimit.status).toBe(201);
    expect((await intakeCounts(db.knex)).demands).toBe(before.demands + 1);
  });

  it('refuses a wrong or revoked key with 401, storing nothing', async () => {
    const before = await intakeCounts(db.knex);
    expect((await post(delivery(), 'msk_wrong')).status).toBe(401);
    expect((await request(t.app).post('/api/demands').send(delivery())).status).toBe(401);
    const doomed = await channelKey(db.knex, 'wechat');
    expect((await post(delivery(), doomed.key)).status).toBe(201);
    await db.knex('channel_keys').where({ id: doomed.id }).update({ revoked_at: db.knex.fn.now() });
    const refused = await post(delivery(), doomed.key);
    expect(refused.status).toBe(401);
    expect(refused.body.status).toBe(401);
    expect((await intakeCounts(db.knex)).demands).toBe(before.demands + 1);
  });

  it('accepts petitions from letter and leader_reception only', async () => {
    const letter = await post(delivery({ petition: true }), letters.key);
    expect(letter.status).toBe(201);
    const row = await db.knex('demands').where({ code: letter.body.code }).first();
    expect(row.is_petition).toBe(true);
    const hotlineRes = await post(delivery({ petition: true }));
    expect(hotlineRes.status).toBe(400);
    expect(hotlineRes.body.errors[0].field).toBe('petition');
  });

  it('diverts an emergency happening now, and stores the check as the suggestion', async () => {
    const res = await post(delivery({ content: '我家楼下着火了，火很大，快来人！' }));
    expect(res.status).toBe(201);
    expect(res.body.divertedTo).toBe('119');
    expect(res.body.status).toBe('received');
    expect(res.body.message).toMatch(/请立即拨打119/);
    const row = await db.knex('demands').where({ code: res.body.code }).first();
    expect(row.diverted_to).toBe('119');
    expect(row.suggestion).toEqual(
      expect.objectContaining({
        outcome: 'divert_emergency',
        divertedTo: '119',
        confidence: expect.any(Number),
        reasons: [expect.stringContaining('着火了')],
      }),
    );
    const lookAlike = await post(delivery({ content: '小区消防通道被堵，着火了消防车进不来' }));
    expect(lookAlike.body.divertedTo).toBeNull();
  });

  it('names the original when the same phone sent the same content within the window (60 days)', async () => {
    const content = '楼上装修噪音太大，每天早上七点就开始施工';
    const citizen = { phone: '13700001111' };
    const first = await post(
      delivery({ content, citizen, submittedAt: '2026-02-01T09:00:00+08:00' }),
    );
    expect(first.body.duplicateOf).toBeNull();
    const repeat = await post(
      delivery({ content: ` ${content}`, citizen, submittedAt: '2026-02-20T09:00:00+08:00' }),
    );
    expect(repeat.body.duplicateOf).toBe(first.body.code);
    expect(repeat.body.message).toContain(first.body.code);
    const otherPhone = await post(
      delivery({
        content,
        citizen: { phone: '13700002222' },
        submittedAt: '2026-02-20T09:00:00+08:00',
      }),
    );
    expect(otherPhone.body.duplicateOf).toBeNull();
    const late = await post(
      delivery({ content, citizen, submittedAt: '2026-04-15T09:00:00+08:00' }),
    );
    // The original is older than 60 days by then; the repeat is not.
    expect(late.body.duplicateOf).toBe(repeat.body.code);
    const row = await db.knex('demands').where({ code: repeat.body.code }).first();
    expect(row.suggestion).toEqual(
      expect.objectContaining({
        outcome: 'invalid_repeat_no_new_facts',
        duplicateOf: first.body.code,
      }),
    );
  });

  it('places a demand without a unit in the key’s district, and refuses units outside it', async () => {
    await importOrgTree(db.knex, {
      code: '519999',
      name: '另一区',
      tier: 'district',
      children: [{ code: '519999001', name: '另一镇', tier: 'township', kind: 'township' }],
    });
    const bound = await channelKey(db.knex, 'mailbox', '519999');
    const noUnit = await post(delivery({ location: undefined }), bound.key);
    expect(noUnit.status).toBe(201);
    expect(noUnit.body.code).toMatch(/^519999-/);
    const outside = await post(delivery(), bound.key);
    expect(outside.status).toBe(400);
    expect(outside.body.errors[0].field).toBe('location.unitCode');
    // With two districts, an unbound key must name the unit.
    const unplaced = await post(delivery({ location: undefined }));
    expect(unplaced.status).toBe(400);
    expect(unplaced.body.errors[0].field).toBe('location.unitCode');
  });
});
