import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { normaliseDemandText } from '../../domain/text';
import {
  checkDuplicatePolicy,
  DuplicatePolicyError,
  findDuplicate,
  loadDuplicatePolicy,
  type DuplicateCandidate,
  type DuplicatePolicy,
  type DuplicateProbe,
} from '../../server/triage/duplicates';

const policy = loadDuplicatePolicy();
const DAY = 86_400_000;
const NOW = new Date('2026-11-20T10:00:00+08:00');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY);
const n = (text: string) => normaliseDemandText(text).normalised;
const PHONE = 'a'.repeat(64);
const OTHER_PHONE = 'b'.repeat(64);

const ORIGINAL = '学府路社区3号楼门口路灯坏了一个月，晚上出入很不方便';
const REPEAT = '3号楼门口路灯还是坏的，之前反映过';

function probe(over: Partial<DuplicateProbe> = {}): DuplicateProbe {
  return {
    text: n(REPEAT),
    phoneHash: PHONE,
    villageCode: '511999001001',
    gridCode: '511999001001-01',
    lat: null,
    lng: null,
    submittedAt: NOW,
    domain: 'urban_management',
    ...over,
  };
}

let ids = 0;
function candidate(over: Partial<DuplicateCandidate> = {}): DuplicateCandidate {
  ids += 1;
  return {
    id: String(ids),
    code: `D-${ids}`,
    text: n(ORIGINAL),
    phoneHash: PHONE,
    villageCode: '511999001001',
    gridCode: '511999001001-01',
    lat: null,
    lng: null,
    submittedAt: daysAgo(12),
    domain: 'urban_management',
    groupId: null,
    ...over,
  };
}

describe('findDuplicate', () => {
  it('finds the same citizen repeating with nothing new: an invalid repeat, with reasons', () => {
    const original = candidate();
    const finding = findDuplicate(probe(), [original], policy);
    expect(finding).toEqual({
      of: { id: original.id, code: original.code },
      similarity: expect.any(Number),
      sameCitizen: true,
      newFacts: false,
      outcome: 'invalid_repeat_no_new_facts',
      reasons: expect.arrayContaining(['同网格', '12 天前', '同一来电号码']),
    });
    expect(finding!.similarity).toBeGreaterThanOrEqual(policy.similarityThreshold);
    expect(finding!.reasons[0]).toMatch(
      new RegExp(`^与 ${original.code} 相似度 (0\\.\\d\\d|1\\.00)$`),
    );
    expect(finding!.similarity).toBeLessThanOrEqual(1);
  });

  it('keeps a repeat with new facts valid, and another citizen’s report valid', () => {
    // New facts are found when the repeat restates the original and adds to it.
    const short = candidate({ text: n('3号楼门口路灯坏了一个月') });
    const withFacts = findDuplicate(
      probe({ text: n('3号楼门口路灯坏了一个月，昨晚有老人在门口摔倒受伤，要求尽快修好并赔偿') }),
      [short],
      policy,
    );
    expect(withFacts).toEqual(
      expect.objectContaining({ sameCitizen: true, newFacts: true, outcome: 'valid' }),
    );
    expect(withFacts?.reasons).toContainEqual(expect.stringMatching(/^有新情况（新内容占 \d+%）$/));
    const original = candidate();
    const neighbour = findDuplicate(probe({ phoneHash: OTHER_PHONE }), [original], policy);
    expect(neighbour).toEqual(
      expect.objectContaining({ sameCitizen: false, newFacts: false, outcome: 'valid' }),
    );
    const unknown = findDuplicate(
      probe({ phoneHash: null }),
      [candidate({ phoneHash: null })],
      policy,
    );
    expect(unknown?.sameCitizen).toBe(false);
  });

  it('looks only within the window before the new demand', () => {
    expect(
      findDuplicate(probe(), [candidate({ submittedAt: daysAgo(61) })], policy),
    ).toBeUndefined();
    expect(findDuplicate(probe(), [candidate({ submittedAt: daysAgo(59) })], policy)).toBeDefined();
    // Later or at the same instant: the demand itself once stored, or one that came after it.
    expect(findDuplicate(probe(), [candidate({ submittedAt: NOW })], policy)).toBeUndefined();
    expect(
      findDuplicate(probe(), [candidate({ submittedAt: daysAgo(-1) })], policy),
    ).toBeUndefined();
    const shortWindow = { ...policy, windowDays: 7 };
    expect(findDuplicate(probe(), [candidate()], shortWindow)).toBeUndefined();
  });

  it('needs the same grid, the same village or a nearby spot', () => {
    const elsewhere = { villageCode: '511999002001', gridCode: '511999002001-01' };
    expect(findDuplicate(probe(), [candidate(elsewhere)], policy)).toBeUndefined();
    const village = findDuplicate(probe(), [candidate({ gridCode: '511999001001-02' })], policy);
    expect(village?.reasons).toContain('同村（社区）');

    const here = { villageCode: null, gridCode: null, lat: 30.6586, lng: 104.0648 };
    const near = { ...elsewhere, lat: 30.6595, lng: 104.0655 }; // ~120 m
    const far = { ...elsewhere, lat: 30.67, lng: 104.0648 }; // ~1.3 km
    const nearby = findDuplicate(probe(here), [candidate(near)], policy);
    expect(nearby?.reasons.some((reason) => /^相距约 1\d\d 米$/.test(reason))).toBe(true);
    expect(findDuplicate(probe(here), [candidate(far)], policy)).toBeUndefined();
    // A demand placed nowhere matches nothing.
    const nowhere = { villageCode: null, gridCode: null, lat: null, lng: null };
    expect(findDuplicate(probe(nowhere), [candidate(nowhere)], policy)).toBeUndefined();
    const gridsOnly = { ...policy, samePlace: { ...policy.samePlace, sameVillage: false } };
    expect(
      findDuplicate(probe(), [candidate({ gridCode: '511999001001-02' })], gridsOnly),
    ).toBeUndefined();
  });

  it('weighs a domain mismatch, or refuses it under requireSameDomain', () => {
    // The new demand's domain is only suggested: a strong text match outweighs a wrong guess.
    const housing = candidate({ domain: 'housing' });
    const mismatch = findDuplicate(probe(), [housing], policy);
    const agreeing = findDuplicate(probe(), [candidate()], policy);
    expect(mismatch).toBeDefined();
    expect(mismatch!.similarity).toBeLessThanOrEqual(agreeing!.similarity);
    expect(findDuplicate(probe({ domain: null }), [housing], policy)).toBeDefined();
    expect(findDuplicate(probe(), [candidate({ domain: 'other' })], policy)).toBeDefined();
    const sameDomainOnly = { ...policy, requireSameDomain: true };
    expect(findDuplicate(probe(), [housing], sameDomainOnly)).toBeUndefined();
    expect(findDuplicate(probe(), [candidate()], sameDomainOnly)).toBeDefined();
    // With the factor at 0 a mismatch never passes either.
    expect(findDuplicate(probe(), [housing], { ...policy, otherDomainFactor: 0 })).toBeUndefined();
  });

  it('does not take a different problem at the same place for a repeat', () => {
    const lamp = candidate({ text: n('村口路灯不亮'), domain: null });
    expect(
      findDuplicate(probe({ text: n('村口垃圾没人收'), domain: null }), [lamp], policy),
    ).toBeUndefined();
  });

  // Paraphrases: the same matter told by other people, in other words, at one place.
  it.each([
    [
      '柏树湾村的自来水这几天浑得很，接出来一盆都是泥沙，没法煮饭',
      '柏树湾村的水还是浑浊的，全是泥沙',
    ],
    [
      '清河苑小区门口那家茶楼的空调外机对着我家窗户吹热风，吵得睡不着',
      '清河苑茶楼空调外机还是对着窗户吹，噪音扰民',
    ],
    [
      '青杠村通往镇上的便桥被洪水冲垮了一半，娃娃上学只能绕很远',
      '青杠村的便桥冲垮了，到现在都没人来修',
    ],
  ])('finds a paraphrased repeat by another citizen: "%s" / "%s"', (original, repeat) => {
    const earlier = candidate({ text: n(original), domain: null });
    const finding = findDuplicate(
      probe({ text: n(repeat), phoneHash: OTHER_PHONE, domain: null }),
      [earlier],
      policy,
    );
    expect(finding?.of.code).toBe(earlier.code);
    expect(finding?.outcome).toBe('valid');
  });

  // Same place, same thing named, another problem, told by another citizen: never merged.
  it.each([
    [
      '清河苑小区门口的路灯坏了好几盏，晚上黑漆漆的',
      '清河苑小区门口路灯杆上被人贴满了小广告，很难看',
    ],
    ['青杠村那座便桥被洪水冲垮了，娃娃上学要绕路', '青杠村便桥边上有人倒建筑垃圾，堆了一大堆'],
  ])('keeps "%s" and "%s" apart', (original, other) => {
    const earlier = candidate({ text: n(original), domain: null });
    const neighbour = probe({ text: n(other), phoneHash: OTHER_PHONE, domain: null });
    expect(findDuplicate(neighbour, [earlier], policy)).toBeUndefined();
  });

  it('lets the same citizen be found on a weaker match, still nothing new an invalid repeat', () => {
    const earlier = candidate({ text: n('翠竹村二组的垃圾一个多星期没人来收，堆到路上了') });
    const again = probe({ text: n('二组的垃圾还是没人收') });
    const finding = findDuplicate(again, [earlier], policy);
    expect(finding?.outcome).toBe('invalid_repeat_no_new_facts');
    expect(finding?.sameCitizen).toBe(true);
    // Another citizen needs the full similarity: the same words are a valid report of the matter.
    const neighbour = findDuplicate({ ...again, phoneHash: OTHER_PHONE }, [earlier], policy);
    expect(neighbour === undefined || neighbour.outcome === 'valid').toBe(true);
  });

  it('takes the most similar candidate, and the earliest of equals', () => {
    const loose = candidate({ text: n('3号楼门口路灯坏了，晚上很黑，老人出门不方便，希望尽快修') });
    const close = candidate({ submittedAt: daysAgo(3), text: n('3号楼门口路灯坏了') });
    expect(findDuplicate(probe(), [loose, close], policy)?.of.code).toBe(close.code);

    const later = candidate({ submittedAt: daysAgo(2) });
    const earlier = candidate({ submittedAt: daysAgo(20) });
    expect(findDuplicate(probe(), [later, earlier], policy)?.of.code).toBe(earlier.code);
  });

  it('points to the first demand of the matched demand’s group', () => {
    const member = candidate({ groupId: '7', rootId: '900', rootCode: 'D-ROOT' });
    const finding = findDuplicate(probe(), [member], policy);
    expect(finding?.of).toEqual({ id: '900', code: 'D-ROOT' });
    expect(finding?.reasons).toContain(`${member.code} 已并入 D-ROOT`);
    const root = candidate({ groupId: '8', rootId: undefined, rootCode: undefined });
    expect(findDuplicate(probe(), [root], policy)?.of).toEqual({ id: root.id, code: root.code });
  });

  it('finds nothing among no candidates', () => {
    expect(findDuplicate(probe(), [], policy)).toBeUndefined();
  });
});

describe('the duplicate policy file', () => {
  it('ships the documented defaults', () => {
    expect(policy).toEqual(
      expect.objectContaining({
        windowDays: 60,
        nearbyMetres: 500,
        requireSameDomain: false,
        listedSupervisionThreshold: 3,
        samePlace: { sameGrid: true, sameVillage: true, withinDistance: true },
      }),
    );
  });

  it.each<[string, (p: Record<string, unknown>) => void, RegExp]>([
    ['windowDays', (p) => (p.windowDays = 0), /windowDays must be a number from 1/],
    ['windowDays', (p) => (p.windowDays = 1.5), /windowDays must be a whole number/],
    ['similarityThreshold', (p) => (p.similarityThreshold = '0.6'), /similarityThreshold/],
    ['newFactsNovelty', (p) => (p.newFactsNovelty = 2), /newFactsNovelty/],
    ['nearbyMetres', (p) => delete p.nearbyMetres, /nearbyMetres/],
    ['samePlace', (p) => (p.samePlace = { sameGrid: true }), /samePlace.sameVillage/],
    ['requireSameDomain', (p) => (p.requireSameDomain = 'yes'), /requireSameDomain/],
    ['matterThreshold', (p) => (p.matterThreshold = 0), /matterThreshold must be a number/],
    ['sameCitizenFactor', (p) => delete p.sameCitizenFactor, /sameCitizenFactor/],
    ['otherDomainFactor', (p) => (p.otherDomainFactor = 1.5), /otherDomainFactor/],
    [
      'listedSupervisionThreshold',
      (p) => (p.listedSupervisionThreshold = 1),
      /listedSupervisionThreshold/,
    ],
  ])('refuses a bad %s, naming it', (_, spoil, message) => {
    const broken = JSON.parse(JSON.stringify(policy)) as Record<string, unknown>;
    spoil(broken);
    expect(() => checkDuplicatePolicy(broken)).toThrow(message);
    expect(() => checkDuplicatePolicy(broken)).toThrow(DuplicatePolicyError);
  });

  it('reads an edited file and names an unreadable one', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'duplicate-policy-'));
    try {
      const file = path.join(dir, 'policy.json');
      writeFileSync(file, JSON.stringify({ ...policy, windowDays: 30 }));
      expect(loadDuplicatePolicy(file).windowDays).toBe(30);
      writeFileSync(file, '{ not json');
      expect(() => loadDuplicatePolicy(file)).toThrow(/cannot read the duplicate policy/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// Keeps the helper's policy type honest: a policy built by hand passes the check unchanged.
test('a hand-built policy passes the check as it is', () => {
  const own: DuplicatePolicy = { ...policy, similarityThreshold: 0.7 };
  expect(checkDuplicatePolicy(own)).toEqual(own);
});

describe('findDuplicate: paraphrases, callers and progress questions', () => {
  const MARKET_LIGHTS = '石桥社区菜市场门口的路灯坏了好几盏，晚上买菜的人看不清路';

  it('finds another citizen telling the same thing in the same trouble in other words', () => {
    const earlier = candidate({ text: n(MARKET_LIGHTS), domain: null });
    const finding = findDuplicate(
      probe({
        text: n('石桥社区菜市场那边的路灯不亮，摸黑走路'),
        phoneHash: OTHER_PHONE,
        domain: null,
      }),
      [earlier],
      policy,
    );
    expect(finding?.of.code).toBe(earlier.code);
    expect(finding?.outcome).toBe('valid');
  });

  it('does not merge the same thing in another trouble', () => {
    const earlier = candidate({ text: n(MARKET_LIGHTS), domain: null });
    const finding = findDuplicate(
      probe({
        text: n('石桥社区菜市场门口的路灯杆上贴满了小广告，还拉了横幅'),
        phoneHash: OTHER_PHONE,
        domain: null,
      }),
      [earlier],
      policy,
    );
    expect(finding).toBeUndefined();
  });

  it('does not merge another problem the same caller reports at the same place', () => {
    const earlier = candidate({ text: n(MARKET_LIGHTS), domain: 'urban_management' });
    const finding = findDuplicate(
      probe({
        text: n('石桥社区菜市场里面有人往水沟里乱倒剩菜，臭得很'),
        phoneHash: PHONE,
        domain: 'urban_management',
      }),
      [earlier],
      policy,
    );
    expect(finding).toBeUndefined();
  });

  it('takes the same caller asking after progress as a repeat with nothing new', () => {
    const earlier = candidate({ text: n('河坝村二组的水渠堵了，田里放不进水，秧苗都要干死了') });
    const finding = findDuplicate(
      probe({ text: n('河坝村二组水渠那个事情我上周打过电话，想问下进度，什么时候来疏通') }),
      [earlier],
      policy,
    );
    expect(finding?.of.code).toBe(earlier.code);
    expect(finding?.newFacts).toBe(false);
    expect(finding?.outcome).toBe('invalid_repeat_no_new_facts');
  });

  it('takes the same caller telling what has got worse as a repeat with new facts', () => {
    const earlier = candidate({ text: n('河坝村二组的水渠堵了，田里放不进水，秧苗都要干死了') });
    const finding = findDuplicate(
      probe({ text: n('河坝村二组水渠还是堵的，昨晚下大雨水漫进了三户人家的堂屋，家具都泡了') }),
      [earlier],
      policy,
    );
    expect(finding?.of.code).toBe(earlier.code);
    expect(finding?.newFacts).toBe(true);
    expect(finding?.outcome).toBe('valid');
  });
});
