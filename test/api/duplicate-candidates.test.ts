import type { Knex } from 'knex';
import { normaliseDemandText } from '../../domain/text';
import { importOrgTree } from '../../server/org';
import {
  findDuplicate,
  loadDuplicateCandidates,
  loadDuplicatePolicy,
  type DuplicateProbe,
} from '../../server/triage/duplicates';
import { useTestDatabase } from '../support/database';
import { DISTRICT, GRID, TOWNSHIP, VILLAGE, importDemoDistrict } from './helpers';

const OTHER_VILLAGE = TOWNSHIP.children!.find((v) => v.code !== VILLAGE.code)!;
const OTHER_DISTRICT = '519999';
const policy = loadDuplicatePolicy();
const NOW = new Date('2026-11-20T10:00:00+08:00');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);
const PHONE_HASH = 'c'.repeat(64);
const n = (text: string) => normaliseDemandText(text).normalised;
// Near the probe (about 120 m) and far from it (about 1.3 km).
const HERE = { lat: 30.6586, lng: 104.0648 };
const NEAR = { lat: 30.6595, lng: 104.0655 };
const FAR = { lat: 30.67, lng: 104.0648 };

interface Row {
  code: string;
  at: Date | null;
  receivedAt?: Date;
  district?: string;
  village?: string | null;
  grid?: string | null;
  coords?: { lat: number; lng: number };
  status?: string;
  text?: string;
  phoneHash?: string | null;
  duplicateOf?: string;
}

async function place(knex: Knex, row: Row): Promise<string> {
  const text = n(row.text ?? '学府路社区3号楼门口路灯坏了一个月');
  const [inserted] = await knex('demands')
    .insert({
      code: row.code,
      channel: 'hotline_12345',
      content_original: text,
      content_normalised: text,
      district_code: row.district ?? DISTRICT,
      township_code: row.district ? null : TOWNSHIP.code,
      village_code: row.village === undefined ? VILLAGE.code : row.village,
      grid_code: row.grid ?? null,
      latitude: row.coords?.lat ?? null,
      longitude: row.coords?.lng ?? null,
      status: row.status ?? 'screening',
      screening_explanation: row.status === 'closed_invalid' ? '经核实为测试信息。' : null,
      domain: 'urban_management',
      submitted_at: row.at,
      received_at: row.receivedAt ?? row.at ?? NOW,
      citizen_phone_enc: row.phoneHash === null ? null : 'ciphertext',
      citizen_phone_masked: row.phoneHash === null ? null : '155****2654',
      citizen_phone_hash: row.phoneHash === null ? null : (row.phoneHash ?? PHONE_HASH),
      duplicate_of_demand_id: row.duplicateOf
        ? knex('demands').where({ code: row.duplicateOf }).select('id')
        : null,
    })
    .returning<{ id: string }[]>('id');
  const id = String(inserted!.id);
  if (row.duplicateOf) {
    // Joined as the workers join repeats: the group is the original's.
    const original = await knex('demands').where({ code: row.duplicateOf }).first('id');
    const [group] = await knex('duplicate_groups')
      .insert({ primary_demand_id: original.id, reason: 'repeat' })
      .onConflict('primary_demand_id')
      .merge(['reason'])
      .returning<{ id: string }[]>('id');
    await knex('demands')
      .whereIn('id', [original.id, id])
      .update({ duplicate_group_id: group!.id });
  }
  return id;
}

function probe(over: Partial<DuplicateProbe> = {}): DuplicateProbe {
  return {
    text: n('3号楼门口路灯还是坏的'),
    phoneHash: PHONE_HASH,
    villageCode: VILLAGE.code,
    gridCode: GRID.code,
    lat: HERE.lat,
    lng: HERE.lng,
    submittedAt: NOW,
    domain: 'urban_management',
    ...over,
  };
}

describe('loadDuplicateCandidates: earlier demands at the same place, with their group roots', () => {
  const db = useTestDatabase();
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    await importDemoDistrict(db.knex);
    await importOrgTree(db.knex, { code: OTHER_DISTRICT, name: '另一区', tier: 'district' });
    const rows: Row[] = [
      { code: 'DUP-ORIGINAL', at: daysAgo(20), grid: GRID.code },
      // A repeat already merged into the original's group, in the same village.
      {
        code: 'DUP-MEMBER',
        at: daysAgo(5),
        status: 'merged',
        text: '3号楼门口路灯还是坏的，之前反映过',
        duplicateOf: 'DUP-ORIGINAL',
      },
      { code: 'DUP-RECEIVED-ONLY', at: null, receivedAt: daysAgo(8) },
      { code: 'DUP-NEARBY', at: daysAgo(3), village: OTHER_VILLAGE.code, coords: NEAR },
      { code: 'DUP-FAR', at: daysAgo(3), village: OTHER_VILLAGE.code, coords: FAR },
      { code: 'DUP-OTHER-VILLAGE', at: daysAgo(3), village: OTHER_VILLAGE.code },
      { code: 'DUP-TOO-OLD', at: daysAgo(61) },
      { code: 'DUP-LATER', at: daysAgo(-1) },
      { code: 'DUP-DIVERTED', at: daysAgo(2), status: 'diverted' },
      { code: 'DUP-CLOSED-INVALID', at: daysAgo(2), status: 'closed_invalid' },
      {
        code: 'DUP-OTHER-DISTRICT',
        at: daysAgo(2),
        district: OTHER_DISTRICT,
        village: null,
        coords: NEAR,
      },
      { code: 'DUP-NO-PHONE', at: daysAgo(1), phoneHash: null, text: '村口垃圾没人收' },
    ];
    for (const row of rows) ids[row.code] = await place(db.knex, row);
  });

  it('returns the district’s demands in the window at the same grid, village or nearby, newest first', async () => {
    const candidates = await loadDuplicateCandidates(db.knex, DISTRICT, probe(), policy);
    expect(candidates.map((c) => c.code)).toEqual([
      'DUP-NO-PHONE',
      'DUP-NEARBY',
      'DUP-MEMBER',
      'DUP-RECEIVED-ONLY',
      'DUP-ORIGINAL',
    ]);
  });

  it('gives each candidate its place, citizen, text and the first demand of its group', async () => {
    const candidates = await loadDuplicateCandidates(db.knex, DISTRICT, probe(), policy);
    const byCode = Object.fromEntries(candidates.map((c) => [c.code, c]));
    const group = byCode['DUP-ORIGINAL']!.groupId;
    expect(group).toEqual(expect.any(String));
    expect(byCode['DUP-MEMBER']).toEqual({
      id: ids['DUP-MEMBER'],
      code: 'DUP-MEMBER',
      text: n('3号楼门口路灯还是坏的，之前反映过'),
      phoneHash: PHONE_HASH,
      villageCode: VILLAGE.code,
      gridCode: null,
      lat: null,
      lng: null,
      submittedAt: daysAgo(5),
      domain: 'urban_management',
      groupId: group,
      rootId: ids['DUP-ORIGINAL'],
      rootCode: 'DUP-ORIGINAL',
    });
    expect(byCode['DUP-ORIGINAL']).toEqual(
      expect.objectContaining({ gridCode: GRID.code, rootCode: 'DUP-ORIGINAL' }),
    );
    expect(byCode['DUP-NEARBY']).toEqual(
      expect.objectContaining({ lat: NEAR.lat, lng: NEAR.lng, groupId: null, rootId: null }),
    );
    expect(byCode['DUP-RECEIVED-ONLY']!.submittedAt).toEqual(daysAgo(8));
    expect(byCode['DUP-NO-PHONE']!.phoneHash).toBeNull();
  });

  it('feeds findDuplicate, which joins the repeat to the root of the matched group', async () => {
    const candidates = await loadDuplicateCandidates(db.knex, DISTRICT, probe(), policy);
    const finding = findDuplicate(probe(), candidates, policy);
    expect(finding).toEqual(
      expect.objectContaining({
        of: { id: ids['DUP-ORIGINAL'], code: 'DUP-ORIGINAL' },
        sameCitizen: true,
        outcome: 'invalid_repeat_no_new_facts',
      }),
    );
    // The closest text is the merged repeat; the new demand joins the group's first demand.
    expect(finding?.reasons).toContain('DUP-MEMBER 已并入 DUP-ORIGINAL');
  });

  it('follows the policy: a place rule switched off, a shorter window, a limit', async () => {
    const noDistance = { ...policy, samePlace: { ...policy.samePlace, withinDistance: false } };
    const close = await loadDuplicateCandidates(db.knex, DISTRICT, probe(), noDistance);
    expect(close.map((c) => c.code)).not.toContain('DUP-NEARBY');

    const week = await loadDuplicateCandidates(db.knex, DISTRICT, probe(), {
      ...policy,
      windowDays: 7,
    });
    expect(week.map((c) => c.code)).toEqual(['DUP-NO-PHONE', 'DUP-NEARBY', 'DUP-MEMBER']);

    const newest = await loadDuplicateCandidates(db.knex, DISTRICT, probe(), policy, 2);
    expect(newest.map((c) => c.code)).toEqual(['DUP-NO-PHONE', 'DUP-NEARBY']);
  });

  it('finds by coordinates alone, and nothing for a demand placed nowhere', async () => {
    const byCoords = await loadDuplicateCandidates(
      db.knex,
      DISTRICT,
      probe({ villageCode: null, gridCode: null, ...NEAR }),
      policy,
    );
    expect(byCoords.map((c) => c.code)).toEqual(['DUP-NEARBY']);
    const nowhere = probe({ villageCode: null, gridCode: null, lat: null, lng: null });
    expect(await loadDuplicateCandidates(db.knex, DISTRICT, nowhere, policy)).toEqual([]);
  });

  it('keeps to the district asked for', async () => {
    const other = await loadDuplicateCandidates(db.knex, OTHER_DISTRICT, probe(), policy);
    expect(other.map((c) => c.code)).toEqual(['DUP-OTHER-DISTRICT']);
  });
});
