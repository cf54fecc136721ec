import fs from 'node:fs';
import {
  CATEGORIES,
  DOMAINS,
  EMERGENCY_NUMBERS,
  SCREENING_OUTCOMES,
  TIERS,
} from '../../domain/demand/vocabulary';
import { generateDemoDistrict } from '../../domain/org';
import { toSimplified } from '../../domain/text';
import { buildTriageDemands } from '../fixtures/triage/build-demands';
import {
  demoUnitCodes,
  loadTriageFixtures,
  parseTriageFixtures,
  SCREENING_REASON_CODES,
  TRIAGE_FIXTURES_PATH,
  type TriageFixture,
} from '../support/triage-fixtures';
import { duplicateGroups } from '../support/triage-metrics';

const rows = loadTriageFixtures();
const byId = new Map(rows.map((r) => [r.id, r]));
const raw = JSON.parse(fs.readFileSync(TRIAGE_FIXTURES_PATH, 'utf8')) as {
  about: string;
  demands: Array<Record<string, unknown>>;
};
const withTag = (tag: string) => rows.filter((r) => r.tags.includes(tag));
const withOutcome = (outcome: string) => rows.filter((r) => r.labels.outcome === outcome);
const groups = duplicateGroups(rows.map((r) => ({ id: r.id, duplicateOf: r.labels.duplicateOf })));
const groupOf = (id: string) => groups.find((g) => g.includes(id));

describe('triage fixture file', () => {
  it('is what build-demands.ts builds from the hand-written texts, with an explanation', () => {
    expect(raw).toEqual(JSON.parse(JSON.stringify(buildTriageDemands())));
    expect(raw.about.length).toBeGreaterThan(100);
    expect(rows.length).toBeGreaterThanOrEqual(320);
  });

  it('numbers ids in time order within 2026-03-02 … 2026-05-10', () => {
    rows.forEach((row, index) => {
      expect(row.id).toBe(`T${String(index + 1).padStart(4, '0')}`);
      if (index > 0) expect(row.submittedAt >= rows[index - 1]!.submittedAt).toBe(true);
    });
    expect(rows[0]!.submittedAt >= new Date('2026-03-02T00:00:00+08:00')).toBe(true);
    expect(rows.at(-1)!.submittedAt < new Date('2026-05-11T00:00:00+08:00')).toBe(true);
  });

  it('uses only codes of the demo district, and leads follow the tier rule', () => {
    const { places, units } = demoUnitCodes();
    const tree = generateDemoDistrict();
    const department = (domain: string) =>
      tree.departments?.find((d) => d.domains.includes(domain))?.code ?? tree.code;
    for (const row of rows) {
      expect(places.has(row.unitCode)).toBe(true);
      const { tier, domain, leadUnitCode, coUnitCodes } = row.labels;
      for (const code of coUnitCodes) expect(units.has(code)).toBe(true);
      expect(coUnitCodes).not.toContain(leadUnitCode);
      if (tier === null) continue;
      const expected = {
        village: row.unitCode.slice(0, 12),
        township: row.unitCode.slice(0, 9),
        district: department(domain ?? 'other'),
        city: '511900',
      }[tier];
      expect(`${row.id} ${leadUnitCode}`).toBe(`${row.id} ${expected}`);
    }
  });

  it('routes living noise to 城管 with the township and 生态环境 co-handling', () => {
    const noise = rows.filter(
      (r) => /唱到|噪音|吵到/.test(r.text) && r.labels.domain === 'urban_management',
    );
    expect(noise.length).toBeGreaterThanOrEqual(2);
    for (const row of noise) {
      expect(row.labels.leadUnitCode).toBe('511999-CG');
      expect(row.labels.coUnitCodes).toEqual([row.unitCode.slice(0, 9), '511999-ST']);
    }
  });

  it('covers every category, domain, outcome, tier, emergency number and reason code', () => {
    const used = (pick: (r: TriageFixture) => string | null) => new Set(rows.map(pick));
    expect([...CATEGORIES].filter((c) => !used((r) => r.labels.category).has(c))).toEqual([]);
    expect([...DOMAINS].filter((d) => !used((r) => r.labels.domain).has(d))).toEqual([]);
    expect([...SCREENING_OUTCOMES].filter((o) => !used((r) => r.labels.outcome).has(o))).toEqual(
      [],
    );
    expect([...TIERS].filter((t) => !used((r) => r.labels.tier).has(t))).toEqual([]);
    const numbers = used((r) => r.labels.emergencyNumber);
    expect([...EMERGENCY_NUMBERS].filter((n) => !numbers.has(n))).toEqual([]);
    const reasons = used((r) => r.labels.reasonCode);
    expect([...SCREENING_REASON_CODES].filter((c) => !reasons.has(c))).toEqual([]);
  });

  it('holds enough emergencies, look-alikes and diversions to measure them', () => {
    expect(withOutcome('divert_emergency').length).toBeGreaterThanOrEqual(25);
    const lookalikes = withTag('emergency_lookalike');
    expect(lookalikes.length).toBeGreaterThanOrEqual(25);
    for (const row of lookalikes) expect(row.labels.outcome).not.toBe('divert_emergency');
    expect(withOutcome('divert_legal_channel').length).toBeGreaterThanOrEqual(15);
    expect(withOutcome('invalid_out_of_scope').length).toBeGreaterThanOrEqual(10);
    expect(withOutcome('invalid_false_info').length).toBeGreaterThanOrEqual(10);
  });

  it('points duplicates at the first demand of their group, which came earlier', () => {
    for (const row of rows) {
      const root = row.labels.duplicateOf ? byId.get(row.labels.duplicateOf) : undefined;
      if (row.labels.outcome === 'invalid_repeat_no_new_facts') {
        expect(root?.phone).toBe(row.phone);
      }
      if (!root) continue;
      expect(root.id < row.id).toBe(true);
      expect(root.labels.duplicateOf).toBeNull();
      expect(root.labels.outcome).toBe('valid');
      if (row.labels.outcome === 'valid') expect(row.labels.domain).toBe(root.labels.domain);
    }
  });

  it('has 30+ duplicate groups of 2–5, across channels and weeks, of every kind', () => {
    expect(groups.length).toBeGreaterThanOrEqual(30);
    for (const group of groups) expect(group.length).toBeGreaterThanOrEqual(2);
    for (const group of groups) expect(group.length).toBeLessThanOrEqual(5);
    const members = (g: string[]) => g.map((id) => byId.get(id)!);
    const spanDays = (g: string[]) => {
      const times = members(g).map((r) => r.submittedAt.getTime());
      return (Math.max(...times) - Math.min(...times)) / 86_400_000;
    };
    expect(
      groups.filter((g) => new Set(members(g).map((r) => r.channel)).size > 1).length,
    ).toBeGreaterThanOrEqual(15);
    expect(groups.filter((g) => spanDays(g) >= 7).length).toBeGreaterThanOrEqual(15);
    const followers = rows.filter((r) => r.labels.duplicateOf !== null);
    const samePhone = (r: TriageFixture) => byId.get(r.labels.duplicateOf!)!.phone === r.phone;
    expect(withOutcome('invalid_repeat_no_new_facts').length).toBeGreaterThanOrEqual(10);
    expect(
      followers.filter((r) => r.labels.outcome === 'valid' && samePhone(r)).length,
    ).toBeGreaterThanOrEqual(10);
    expect(
      followers.filter((r) => r.labels.outcome === 'valid' && !samePhone(r)).length,
    ).toBeGreaterThanOrEqual(10);
  });

  it('has 20+ hard negatives: same village as an earlier demand, not its duplicate', () => {
    const hard = withTag('hard_negative');
    expect(hard.length).toBeGreaterThanOrEqual(20);
    for (const row of rows)
      expect(row.labels.hardNegativeOf !== null).toBe(row.tags.includes('hard_negative'));
    for (const row of hard) {
      const lookalike = byId.get(row.labels.hardNegativeOf!)!;
      expect(lookalike.id < row.id).toBe(true);
      expect(lookalike.unitCode.slice(0, 12)).toBe(row.unitCode.slice(0, 12));
      expect(row.labels.duplicateOf).toBeNull();
      expect(groupOf(lookalike.id)?.includes(row.id) ?? false).toBe(false);
    }
  });

  it('speaks the way citizens write: dialect, Traditional script, typos, emoji', () => {
    const sichuan =
      /巴适|莫得|没得|啥子|晓得|搞快点|咋个|安逸|遭了|娃儿|屋头|一哈|遭不住|黑黢黢|老汉儿|坝坝|堵到起|摊摊|烟子|锁起|立起|嘛/;
    expect(withTag('dialect').length).toBeGreaterThanOrEqual(30);
    for (const row of withTag('dialect')) expect(`${row.id} ${row.text}`).toMatch(sichuan);
    expect(withTag('traditional').length).toBeGreaterThanOrEqual(20);
    expect(withTag('typo').length).toBeGreaterThanOrEqual(15);
    expect(withTag('emoji').length).toBeGreaterThanOrEqual(10);
    for (const row of rows) {
      // The tags say what a reader can check: Traditional text changes when normalised.
      expect(`${row.id} ${toSimplified(row.text) !== row.text}`).toBe(
        `${row.id} ${row.tags.includes('traditional')}`,
      );
      expect(`${row.id} ${/\p{Extended_Pictographic}/u.test(row.text)}`).toBe(
        `${row.id} ${row.tags.includes('emoji')}`,
      );
    }
  });
});

describe('loadTriageFixtures', () => {
  const first = () =>
    JSON.parse(JSON.stringify(raw.demands.slice(0, 3))) as Array<
      Record<string, unknown> & { labels: Record<string, unknown> }
    >;

  it('names the demand and field of bad data', () => {
    const unknownPlace = first();
    unknownPlace[1]!.unitCode = '511999999999';
    expect(() => parseTriageFixtures(unknownPlace)).toThrow(/^T0002 unitCode:/);

    const laterReference = first();
    laterReference[0]!.labels.duplicateOf = 'T0003';
    expect(() => parseTriageFixtures(laterReference)).toThrow(/^T0001 labels\.duplicateOf:/);

    const validWithoutDomain = first().map((d) => ({
      ...d,
      labels: {
        ...d.labels,
        outcome: 'valid',
        reasonCode: null,
        emergencyNumber: null,
        category: 'request',
        domain: null,
      },
    }));
    expect(() => parseTriageFixtures(validWithoutDomain)).toThrow(/^T0001 labels\.domain:/);

    const badChannel = first();
    badChannel[2]!.channel = 'telegram';
    expect(() => parseTriageFixtures(badChannel)).toThrow(/^T0003 channel:/);
  });

  it('returns typed rows with times as dates', () => {
    expect(rows[0]!.submittedAt).toBeInstanceOf(Date);
    expect(rows[0]!.labels.hardNegativeOf).toBeNull();
  });
});
