import { normaliseDemandText } from '../../domain/text';
import {
  contentText,
  loadDuplicatePolicy,
  novelty,
  textSimilarity,
} from '../../server/triage/duplicates';
import {
  matterSimilarity,
  matterWords,
  otherTroubles,
  rarity,
  sameThingSameTrouble,
} from '../../server/triage/duplicates/matter-words';

/** Triage compares normalised text, as intake stores it. */
const n = (text: string) => normaliseDemandText(text).normalised;
const similarity = (a: string, b: string) => textSimilarity(n(a), n(b));
const { similarityThreshold, newFactsNovelty } = loadDuplicatePolicy();

describe('duplicate text similarity', () => {
  it.each([
    [
      'Traditional and Simplified script',
      '幸福小區三號樓電梯壞了，老人上下樓很困難',
      '幸福小区3号楼电梯坏了，老人上下楼很困难',
    ],
    [
      'dialect filler and dialect words',
      '你好，麻烦问一下哈，我们三组的自来水莫得水了，啥子时候来水嘛？',
      '三组自来水没有水了，什么时候来水',
    ],
    ['reordered clauses', '村口路灯不亮，已经一个星期了', '已经一个星期了，村口路灯还是不亮'],
    [
      'punctuation, emoji and spacing',
      '小区门口有商贩占道经营，堵住了大门🙏🙏',
      '小区大门口 商贩占道经营!!! 堵住大门😡',
    ],
    [
      'a short repeat of a long original',
      '学府路社区3号楼门口路灯坏了一个月，晚上出入很不方便',
      '3号楼门口路灯还是坏的，之前反映过',
    ],
    ['digit formatting', '物业乱收费，每户多收了1,200元', '物业乱收费 每户多收了1200元'],
    ['numerals written two ways', '3组的自来水停了三天了', '三组自来水停了3天，还没来水'],
  ])('finds the same matter despite %s', (_, a, b) => {
    expect(similarity(a, b)).toBeGreaterThanOrEqual(similarityThreshold);
    expect(similarity(b, a)).toBe(similarity(a, b));
  });

  it.each([
    ['村口路灯不亮', '村口垃圾没人收'],
    ['3号楼电梯坏了，老人上下楼困难', '3号楼楼顶漏水，家里天花板都湿了'],
    ['学校门口早上堵车严重', '学校食堂饭菜质量差'],
    // The plea every demand closes with is no resemblance.
    ['村口路灯不亮，希望有关部门尽快解决', '村口垃圾没人收，希望有关部门尽快解决'],
    // Another building is another place, however alike the words.
    ['幸福小区3号楼电梯坏了', '幸福小区五号楼电梯坏了'],
    ['2单元楼道灯坏了', '3单元楼道灯坏了'],
  ])('tells "%s" and "%s" at the same place apart', (a, b) => {
    expect(similarity(a, b)).toBeLessThan(similarityThreshold);
  });

  it('scores identical content 1 and unrelated or empty content 0', () => {
    expect(similarity('村口路灯不亮！', '村口路灯不亮')).toBe(1);
    expect(similarity('你好，谢谢', '村口路灯不亮')).toBe(0);
    expect(similarity('村口路灯不亮', '医保报销')).toBe(0);
  });

  it('does not count a single shared word as containment', () => {
    // "路灯" lies inside the longer text, but two characters prove nothing.
    expect(similarity('路灯', '小区北门路灯不亮已经半个月了')).toBeLessThan(similarityThreshold);
  });

  it('keeps the matter and drops the filler', () => {
    expect(contentText(n('您好！请问三號樓的電梯啥子時候修嘛？😭 谢谢'))).toBe(
      '3号楼电梯什么时候修',
    );
  });
});

describe('novelty: what a repeat adds', () => {
  const original = '学府路社区3号楼门口路灯坏了一个月';

  it('is 0 for a plain repeat and below the new-facts threshold for a rephrasing', () => {
    expect(novelty(n('3号楼门口路灯还是坏的，之前反映过'), n(original))).toBe(0);
    expect(novelty(n('学府路社区三号楼门口的路灯坏了一个月了！'), n(original))).toBe(0);
    expect(novelty(n('3号楼门口路灯坏了一个多月'), n(original))).toBeLessThan(newFactsNovelty);
  });

  it('is high when the repeat reports something new', () => {
    const added = novelty(
      n('3号楼门口路灯坏了一个月，昨晚有老人在门口摔倒受伤，要求赔偿'),
      n(original),
    );
    expect(added).toBeGreaterThanOrEqual(newFactsNovelty);
  });

  it('is 0 for a text without content', () => {
    expect(novelty(n('谢谢！'), n(original))).toBe(0);
  });

  it('is 0 for asking after progress or pressing again, however worded', () => {
    const pipe = '桂花村四组的自来水管爆了，水冒了一整天，没人来关阀门';
    for (const chase of [
      '桂花村四组水管的事情，我前几天打过电话，问下进度',
      '水管爆了那个事还没人来修，想问一下什么时候能修好',
      '我上周说过的水管，还是老样子，能不能快点',
      '桂花村水管的事情我打过电话了，啥子时候来修嘛',
    ]) {
      expect(novelty(n(chase), n(pipe))).toBe(0);
    }
  });

  it('still finds new facts told beside a progress question', () => {
    const added = novelty(
      n('水管的事问下进度，现在路面被冲出一个大洞，昨晚一辆三轮车翻进去了'),
      n('桂花村四组的自来水管爆了，水冒了一整天，没人来关阀门'),
    );
    expect(added).toBeGreaterThanOrEqual(newFactsNovelty);
  });
});

describe('the same thing in the same trouble', () => {
  const pair = (a: string, b: string) => {
    const left = matterWords(n(a));
    const right = matterWords(n(b));
    return { left, right, weight: rarity([left, right]) };
  };

  it('holds for a thing told in other words of the same trouble', () => {
    for (const [a, b] of [
      ['东门菜场的冷库半夜压缩机噪音很大', '冷库那边吵得人睡不着'],
      ['中心小学后面的水塔漏水，墙都泡软了', '水塔还在漏水'],
      ['我们那条巷子的下水道堵塞，污水冒出来了', '巷子里下水道堵起了'],
    ]) {
      const { left, right, weight } = pair(a!, b!);
      expect(sameThingSameTrouble(left, right, weight, 2)).toBe(true);
    }
  });

  it('does not hold for the same thing in another trouble, or the same trouble of another thing', () => {
    for (const [a, b] of [
      ['中心小学后面的水塔漏水', '中心小学水塔上有人乱倒垃圾'],
      ['东门菜场冷库噪音很大', '东门菜场公厕臭得很'],
    ]) {
      const { left, right, weight } = pair(a!, b!);
      expect(sameThingSameTrouble(left, right, weight, 2)).toBe(false);
    }
  });

  it('tells troubles apart: another trouble, or the same one', () => {
    expect(otherTroubles(matterWords(n('路灯坏了')), matterWords(n('垃圾桶臭得很')))).toBe(true);
    expect(otherTroubles(matterWords(n('路灯不亮')), matterWords(n('路灯坏了')))).toBe(false);
  });
});

describe('matter words: what a demand is about', () => {
  const words = (text: string) => [...matterWords(n(text))].filter((w) => !w.startsWith('·'));

  it('keeps premises and times jieba tags as names or numbers', () => {
    expect(words('楼下麻将馆半夜还在打牌，吵死了')).toEqual(
      expect.arrayContaining(['麻将馆', '半夜']),
    );
    expect(words('3号楼的灯坏了两天')).not.toContain('两天');
  });

  it('keeps the thing and the trouble, drops the place, the filler and the plea', () => {
    const kept = words('你好，我们柏树湾村三组那个自来水还是浑的，麻烦尽快解决一下');
    expect(kept).toEqual(expect.arrayContaining(['自来水', '浑']));
    for (const dropped of ['你好', '三组', '3组', '麻烦', '解决', '尽快', '村口']) {
      expect(kept).not.toContain(dropped);
    }
  });

  it('meets two wordings of one trouble in one plain word', () => {
    // Segmenting may glue the trouble to the thing (灯坏); its characters still meet.
    expect(matterWords(n('楼道灯不亮'))).toContain('·坏');
    expect(matterWords(n('楼道灯坏了'))).toContain('·坏');
    expect(matterWords(n('楼道灯不亮'))).not.toContain('·亮');
  });

  const similarityOf = (a: string, b: string, others: string[] = []) => {
    const left = matterWords(n(a));
    const right = matterWords(n(b));
    const weight = rarity([left, right, ...others.map((o) => matterWords(n(o)))]);
    return matterSimilarity(left, right, weight);
  };

  it('scores a paraphrased repeat above a different trouble with the same thing', () => {
    const original = '清河苑小区门口的路灯坏了好几盏，晚上黑漆漆的';
    const repeat = similarityOf(original, '清河苑门口路灯还是不亮，晚上黑得很');
    const other = similarityOf(original, '清河苑小区门口路灯杆上被人贴满了小广告');
    expect(repeat).toBeGreaterThan(other);
  });

  it('weighs a word shared by every text at the place less than a rare one', () => {
    const texts = ['物业说电梯坏了', '物业停车乱收费', '物业不管绿化带有人种菜'];
    const weight = rarity(texts.map((t) => matterWords(n(t))));
    expect(weight('电梯')).toBeGreaterThan(weight('物业'));
  });

  it('is 0 when either side names no matter', () => {
    expect(similarityOf('你好，谢谢', '路灯坏了')).toBe(0);
  });
});
