import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { normaliseDemandText } from '../../domain/text';
import {
  DEFAULT_LEXICON_DIR,
  LexiconError,
  createTriageModel,
  loadTriageLexicons,
  type OrgDirectory,
  type TriageInput,
} from '../../server/triage';

const lexicons = loadTriageLexicons();

/** The demo district's shape (TRIAGE-SPEC): departments by domain and the city unit. */
const DEPARTMENTS: Record<string, string> = {
  housing: '511999-ZJ',
  environment: '511999-ST',
  urban_management: '511999-CG',
  social_security: '511999-RS',
  conduct: '511999-JW',
};
const org: OrgDirectory = {
  departmentFor: (district, domain) =>
    district === '511999' ? (DEPARTMENTS[domain] ?? null) : null,
  cityCode: () => '511900',
};

const input = (text: string): TriageInput => ({
  text: normaliseDemandText(text).normalised,
  channel: 'hotline_12345',
  districtCode: '511999',
  townshipCode: '511999001',
  villageCode: '511999001001',
  gridCode: '511999001001-01',
});

describe('triage model with zero examples (lexicons only)', () => {
  const model = createTriageModel(lexicons, undefined, { org });

  it('reads 路灯不亮 as urban management, a valid demand, and names the words', () => {
    const s = model.suggest(input('我家门口的路灯不亮好几天了'));
    expect(s.outcome).toBe('valid');
    expect(s.domain).toBe('urban_management');
    expect(s.confidences.domain).toBeGreaterThan(0.5);
    expect(s.reasons.some((r) => r.includes('“路灯不亮”') && r.includes('城市管理'))).toBe(true);
    expect(model.examplesSeen).toBe(0);
  });

  it('reads 拖欠工资 as social security', () => {
    expect(model.suggest(input('包工头拖欠工资三个月了')).domain).toBe('social_security');
  });

  it('diverts a case before a court to the legal channel with reason court', () => {
    const s = model.suggest(input('这个事情我已经起诉到法院了，想问问进度'));
    expect(s.outcome).toBe('divert_legal_channel');
    expect(s.reasonCode).toBe('court');
    expect(s.explanation).toContain('人民法院');
  });

  it('calls a test message false information', () => {
    const s = model.suggest(input('测试测试'));
    expect(s.outcome).toBe('invalid_false_info');
    expect(s.reasonCode).toBe('test');
    expect(s.explanation).toMatch(/测试/);
  });

  it('calls a text with no words nonsense', () => {
    const s = model.suggest(input('？？？ 😡'));
    expect(s.outcome).toBe('invalid_false_info');
    expect(s.reasonCode).toBe('nonsense');
  });

  it('diverts an emergency happening now, from the emergency check', () => {
    const s = model.suggest(input('我家楼下着火了，火很大，快来人'));
    expect(s.outcome).toBe('divert_emergency');
    expect(s.divertedTo).toBe('119');
    expect(s.reasonCode).toBe('emergency');
    expect(s.confidence).toBe(0.9);
    expect(s.leadUnitCode).toBeNull();
  });

  it('reads Traditional text once normalised', () => {
    const s = model.suggest(input('我們社區的路燈壞了，晚上黑燈瞎火，請幫忙修一下'));
    expect(s.domain).toBe('urban_management');
    expect(s.category).toBe('request');
  });

  it('leads at the village for a small matter, at the city for a city facility', () => {
    expect(model.suggest(input('我们村的路灯不亮')).leadUnitCode).toBe('511999001001');
    const city = model.suggest(input('高速公路出口的路面坑坑洼洼，市里管一下'));
    expect(city.tier).toBe('city');
    expect(city.leadUnitCode).toBe('511900');
  });

  it('sends a specialised field to its district department when the text names no scope', () => {
    const s = model.suggest(input('开发商延期交房半年了，一直拖着'));
    expect(s.domain).toBe('housing');
    expect(s.tier).toBe('district');
    expect(s.leadUnitCode).toBe('511999-ZJ');
    expect(s.reasons.some((r) => /^住房.*类事项通常 → 区/.test(r))).toBe(true);
    // A scope cue in the text still wins over the field's usual tier.
    expect(model.suggest(input('开发商延期交房，市里管一下')).tier).toBe('city');
  });

  it('gives living noise at township scope to 城管 with the township and 生态环境 co-handling', () => {
    const s = model.suggest(input('街道上的广场舞噪音太大，城管执法也不管'));
    expect(s.domain).toBe('urban_management');
    expect(s.tier).toBe('township');
    expect(s.leadUnitCode).toBe('511999-CG');
    expect(s.coUnitCodes).toEqual(['511999001', '511999-ST']);
  });
});

describe('triage model learning', () => {
  const phrase = '共享电单车堆在单元门口出不去';

  it('changes its prediction after a few labelled examples of a new phrase', () => {
    const model = createTriageModel(lexicons);
    expect(model.suggest(input(phrase)).domain).not.toBe('market');
    for (let i = 0; i < 5; i += 1)
      model.learn(input(phrase), { domain: 'market', tier: 'township' });
    const s = model.suggest(input(phrase));
    expect(s.domain).toBe('market');
    expect(s.tier).toBe('township');
    expect(s.reasons.some((r) => r.startsWith('已学到的词') && r.includes('市场监管'))).toBe(true);
    expect(model.examplesSeen).toBe(5);
  });

  it('carries a wording learned from a handful of demands over to a new sentence', () => {
    const model = createTriageModel(lexicons);
    // "隔壁" is a neighbourhood term: the learned wording must outweigh it, not only fill a gap.
    const unseen = '隔壁几家的机顶盒也都坏了';
    const noTerm = '我家机顶盒又坏了，看不成电视';
    expect(model.suggest(input(unseen)).domain).toBe('neighbourhood');
    expect(model.suggest(input(noTerm)).domain).toBe('other');
    for (const text of [
      '家里的机顶盒看不了电视',
      '机顶盒老是卡住动不了',
      '机顶盒一个月要交好几十块',
      '新装的机顶盒没有台',
    ]) {
      model.learn(input(text), { domain: 'utilities' });
    }
    expect(model.suggest(input(unseen)).domain).toBe('utilities');
    expect(model.suggest(input(noTerm)).domain).toBe('utilities');
    // The lexicon still speaks where the new wording is absent.
    expect(model.suggest(input('隔壁两口子天天吵架')).domain).toBe('neighbourhood');
  });

  it('learns the outcome and reason people choose', () => {
    const model = createTriageModel(lexicons);
    const text = '隔壁老王欠我装修款一直赖着';
    for (let i = 0; i < 6; i += 1) {
      model.learn(input(text), { outcome: 'divert_legal_channel', reasonCode: 'civil_dispute' });
    }
    const s = model.suggest(input(text));
    expect(s.outcome).toBe('divert_legal_channel');
    expect(s.reasonCode).toBe('civil_dispute');
  });

  describe('learned emergency net', () => {
    // A danger no rule of the emergency lexicon names: the net must learn it from screeners.
    const diverted = [
      '河堤管涌了，下游村子的人还没撤出来',
      '堤坝出现管涌，水一股一股往外冒',
      '大堤管涌越来越大，村里人还在屋里',
      '水库坝脚管涌了，喊村里人撤离',
    ];
    const handled = ['河堤上的路灯不亮', '江堤上的步道坑坑洼洼', '水库边上有人乱倒垃圾'];
    const unseen = '江堤管涌了，下面几个村的人还没撤';
    const teach = () => {
      const model = createTriageModel(lexicons, undefined, { org });
      for (let round = 0; round < 2; round += 1) {
        for (const text of diverted) {
          model.learn(input(text), { outcome: 'divert_emergency', reasonCode: 'emergency' });
        }
        for (const text of handled) model.learn(input(text), { outcome: 'valid' });
      }
      return model;
    };

    it('does not divert an unknown danger before learning', () => {
      const s = createTriageModel(lexicons, undefined, { org }).suggest(input(unseen));
      expect(s.divertedTo).toBeNull();
      expect(s.outcome).toBe('valid');
    });

    it('diverts a new wording of a danger screeners diverted before', () => {
      const s = teach().suggest(input(unseen));
      expect(s.outcome).toBe('divert_emergency');
      expect(s.divertedTo).toBe(lexicons.emergency.learnedNet.fallbackNumber);
      expect(s.confidence).toBeGreaterThanOrEqual(lexicons.emergency.learnedNet.threshold);
      expect(s.reasons[0]).toMatch(/^紧急情况（学习所得）/);
    });

    it('keeps demands it learned as handled, and never diverts past a look-alike marker', () => {
      const model = teach();
      expect(model.suggest(input('江堤上的路灯不亮')).divertedTo).toBeNull();
      expect(model.suggest(input('担心江堤会管涌，下面几个村的人还没撤')).divertedTo).toBeNull();
      expect(model.suggest(input('江堤去年管涌过，下面几个村的人还没撤')).divertedTo).toBeNull();
    });

    it('diverts to the number of a kind the demand names without "now"', () => {
      const text = '江堤管涌了，下面几个村的人还没撤，对岸看到火光';
      expect(createTriageModel(lexicons).suggest(input(text)).divertedTo).toBeNull();
      const s = teach().suggest(input(text));
      expect(s.divertedTo).toBe('119');
      expect(s.explanation).toBe(lexicons.emergency.messages['119']);
    });

    it('leaves the net silent when its threshold is above what it learned', () => {
      const strict = {
        ...lexicons,
        emergency: {
          ...lexicons.emergency,
          learnedNet: { threshold: 0.999999, fallbackNumber: '110' as const },
        },
      };
      const model = createTriageModel(strict, teach().exportState(), { org });
      expect(model.suggest(input(unseen)).divertedTo).toBeNull();
    });
  });

  it('gives identical suggestions after a state round-trip through JSON', () => {
    const model = createTriageModel(lexicons, undefined, { org });
    model.learn(input(phrase), { domain: 'market', category: 'complaint' });
    model.learn(input('楼上漏水到我家'), { domain: 'housing', tier: 'village' });
    const state = JSON.parse(JSON.stringify(model.exportState()));
    expect(state.formatVersion).toBe(3);
    const copy = createTriageModel(lexicons, state, { org });
    for (const text of [phrase, '楼上漏水到我家', '测试测试', '路灯不亮']) {
      expect(copy.suggest(input(text))).toEqual(model.suggest(input(text)));
    }
    expect(copy.examplesSeen).toBe(2);
  });

  it('is deterministic: the same examples give the same state', () => {
    const teach = () => {
      const model = createTriageModel(lexicons);
      model.learn(input(phrase), { domain: 'traffic' });
      model.learn(input('垃圾堆在路边'), { domain: 'sanitation', outcome: 'valid' });
      return model.exportState();
    };
    expect(teach()).toEqual(teach());
  });

  it('refuses a state of another format', () => {
    const state = { ...createTriageModel(lexicons).exportState(), formatVersion: 99 };
    expect(() => createTriageModel(lexicons, state)).toThrow(/format 99/);
  });
});

describe('triage lexicon files', () => {
  function brokenCopy(file: string, change: (data: Record<string, unknown>) => void): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'triage-lexicons-'));
    for (const name of [
      'domain-lexicon.json',
      'category-lexicon.json',
      'screening-lexicon.json',
      'tier-lexicon.json',
      'emergency-lexicon.json',
    ]) {
      const data = JSON.parse(readFileSync(path.join(DEFAULT_LEXICON_DIR, name), 'utf8'));
      if (name === file) change(data);
      writeFileSync(path.join(dir, name), JSON.stringify(data));
    }
    return dir;
  }

  it('names the file and the part that is wrong', () => {
    const dir = brokenCopy('domain-lexicon.json', (d) => {
      (d.domains as Record<string, unknown>).traffic = '道路';
    });
    expect(() => loadTriageLexicons(dir)).toThrow(LexiconError);
    expect(() => loadTriageLexicons(dir)).toThrow(/domain-lexicon\.json: domains\.traffic/);
  });

  it('refuses a screening reason with the wrong outcome', () => {
    const dir = brokenCopy('screening-lexicon.json', (d) => {
      (d.reasons as Record<string, Record<string, unknown>>).court!.outcome = 'invalid_false_info';
    });
    expect(() => loadTriageLexicons(dir)).toThrow(/reasons\.court\.outcome/);
  });

  it('refuses a usual tier that is no tier', () => {
    const dir = brokenCopy('tier-lexicon.json', (d) => {
      (d.byDomain as Record<string, unknown>).housing = 'county';
    });
    expect(() => loadTriageLexicons(dir)).toThrow(/tier-lexicon\.json: byDomain\.housing/);
  });

  it('gives every domain a rich list of terms', () => {
    for (const terms of Object.values(lexicons.domain.domains)) {
      expect(terms.length).toBeGreaterThanOrEqual(20);
      expect(terms.length).toBeLessThanOrEqual(100);
    }
  });
});
