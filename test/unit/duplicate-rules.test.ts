import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { normaliseDemandText } from '../../domain/text';
import {
  contentText,
  findDuplicate,
  loadDuplicatePolicy,
  type DuplicateCandidate,
  type DuplicateProbe,
} from '../../server/triage/duplicates';
import {
  checkDuplicateLexicon,
  DuplicateLexiconError,
  loadDuplicateLexicon,
} from '../../server/triage/duplicates/duplicate-lexicon';
import { similarities } from '../../server/triage/duplicates/find-duplicate';

const policy = loadDuplicatePolicy();
const DAY = 86_400_000;
const NOW = new Date('2026-11-20T10:00:00+08:00');
const n = (text: string) => normaliseDemandText(text).normalised;

const place = {
  villageCode: '511999001001',
  gridCode: '511999001001-01',
  lat: null,
  lng: null,
};

function probe(text: string, phoneHash = 'c'.repeat(64)): DuplicateProbe {
  return { ...place, text: n(text), phoneHash, submittedAt: NOW, domain: null };
}

function earlier(id: string, text: string, daysAgo: number, rootId: string | null = null) {
  const candidate: DuplicateCandidate = {
    ...place,
    id,
    code: `D-${id}`,
    text: n(text),
    phoneHash: `${id}`.padStart(64, '0'),
    submittedAt: new Date(NOW.getTime() - daysAgo * DAY),
    domain: null,
    groupId: rootId,
    rootId,
    rootCode: rootId === null ? null : `D-${rootId}`,
  };
  return candidate;
}

describe('duplicate rules a process owner sets', () => {
  it('counts the repeats of one matter as one when asking whether its thing is common at the place', () => {
    // Every earlier demand here speaks of the lights, but all of them are one matter: a third
    // citizen telling of those lights in the same trouble in other words is the same thing in
    // the same trouble, as the second citizen was.
    const original = earlier(
      '1',
      '银杏坊小区门口的路灯坏了好几盏，晚上黑漆漆的，老年人出门不方便',
      12,
    );
    const repeat = earlier('2', '银杏坊门口路灯不亮一个多星期了，我晚上下班回来都靠手机照', 7, '1');
    const lights = probe('银杏坊社区大门口一排路灯都不亮');
    const [toOriginal] = similarities(lights, [original, repeat], policy);
    expect(toOriginal!.sameTrouble).toBe(true);
    expect(findDuplicate(lights, [original, repeat], policy)?.of.code).toBe('D-1');
    // Two separate matters that both name the lights would make 路灯 a word everybody says here.
    const apart = { ...repeat, groupId: null, rootId: null, rootCode: null };
    expect(similarities(lights, [original, apart], policy)[0]!.sameTrouble).toBe(false);
  });

  it('compares a demand the same whatever channel brought it', () => {
    const told = '文庙坊的6路公交站被撤了，老年人要多走一站路';
    for (const channel of ['扫码反映：', '问卷：', '群众联名：', '入户走访时反映：']) {
      expect(contentText(n(`${channel}${told}`))).toBe(contentText(n(told)));
    }
  });

  it('takes one thing written several ways for the same thing', () => {
    expect(contentText(n('6路车不停了'))).toBe(contentText(n('6路公交车不停了')));
    expect(contentText(n('6路公交不停了'))).toBe(contentText(n('6路公交车不停了')));
    const buses = earlier('1', '周家沟村到镇上的班车这个月开始一天只有一班了，娃娃上学不方便', 20);
    const finding = findDuplicate(probe('周家沟村希望恢复到镇上的早晚两班客车'), [buses], policy);
    expect(finding?.of.code).toBe('D-1');
  });

  it('still tells another trouble of a bus stop apart from a stopped bus line', () => {
    const line = earlier('1', '问卷：多名居民希望恢复6路公交文庙坊站', 20);
    const seat = probe('文庙坊社区旁边那个公交站台的座椅坏了，老人等车没地方坐');
    expect(findDuplicate(seat, [line], policy)).toBeUndefined();
  });

  it('shows the parts of each similarity', () => {
    const [parts] = similarities(
      { text: n('3号楼电梯坏了') },
      [earlier('1', '5号楼电梯坏了', 3)],
      policy,
    );
    expect(parts).toMatchObject({ otherAddress: true, score: 0 });
    expect(parts!.matter).toBeGreaterThan(0);
  });
});

describe('the duplicate lexicon file', () => {
  it('ships kinds of trouble, things written several ways and channel phrases', () => {
    const lexicon = loadDuplicateLexicon();
    expect(lexicon.sameTrouble).toContainEqual(['不亮', '坏']);
    expect(lexicon.sameThing).toContainEqual(['客车', '班车']);
    expect(lexicon.channelPhrases).toContain('扫码反映');
  });

  it('refuses a broken list, naming it', () => {
    const shipped = loadDuplicateLexicon();
    expect(() => checkDuplicateLexicon({ ...shipped, sameThing: [['客车']] })).toThrow(
      /sameThing must be a list of \[said, plain\] pairs/,
    );
    expect(() => checkDuplicateLexicon({ ...shipped, channelPhrases: ['问卷', ''] })).toThrow(
      /channelPhrases must be a list of words/,
    );
  });

  it('names an unreadable file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'duplicate-lexicon-'));
    try {
      const file = path.join(dir, 'lexicon.json');
      writeFileSync(file, '{ not json');
      expect(() => loadDuplicateLexicon(file)).toThrow(DuplicateLexiconError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
