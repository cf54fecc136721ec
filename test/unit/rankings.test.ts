import {
  ladderStep,
  listingCount,
  loadRankingPolicy,
  measureUnit,
  parsePeriod,
  parseRankingPolicy,
  periodContaining,
  periodJustEnded,
  rankUnits,
  RankingPolicyError,
  scoreOf,
  yellowReasons,
  type LedDemand,
  type RankingPolicy,
  type UnitInput,
} from '../../domain/rankings';

const at = (text: string) => new Date(`${text}+08:00`);
const AS_OF = at('2026-04-01T08:00:00');
const MARCH = parsePeriod('month', '2026-03')!;
const policy = loadRankingPolicy();

function demand(overrides: Partial<LedDemand> = {}): LedDemand {
  return {
    demandCode: 'D',
    screenedOut: false,
    acceptedAt: null,
    responseDue: null,
    resolvedAt: null,
    resolutionDue: null,
    satisfaction: null,
    ...overrides,
  };
}

/** Accepted and resolved in time, with the citizen's answer. */
const answered = (satisfaction: LedDemand['satisfaction']) =>
  demand({
    acceptedAt: at('2026-03-02T10:00:00'),
    responseDue: at('2026-03-03T17:30:00'),
    resolvedAt: at('2026-03-05T10:00:00'),
    resolutionDue: at('2026-03-10T17:30:00'),
    satisfaction,
  });

/** The village of the worked example below. */
const EXAMPLE: LedDemand[] = [
  // Responded and resolved in time, satisfied.
  answered('satisfied'),
  // Accepted a day late, resolved ten days late, basically satisfied.
  demand({
    acceptedAt: at('2026-03-04T09:00:00'),
    responseDue: at('2026-03-03T17:30:00'),
    resolvedAt: at('2026-03-20T09:00:00'),
    resolutionDue: at('2026-03-10T17:30:00'),
    satisfaction: 'basically_satisfied',
  }),
  // Never accepted, both deadlines passed.
  demand({ responseDue: at('2026-03-05T17:30:00'), resolutionDue: at('2026-03-12T17:30:00') }),
  // Merged as a repeat: screened out, whatever its clocks say.
  demand({ screenedOut: true, responseDue: at('2026-03-05T17:30:00') }),
  // Accepted in time; its resolution deadline is still ahead: not measured for resolution.
  demand({
    acceptedAt: at('2026-03-30T09:00:00'),
    responseDue: at('2026-03-31T17:30:00'),
    resolutionDue: at('2026-04-20T17:30:00'),
  }),
];

describe('ranking policy', () => {
  it('ships the defaults: 30/35/35 with on-time shown but not weighted, 基本满意 0.8, top and bottom 3', () => {
    expect(policy.weights).toEqual({ response: 30, resolution: 35, satisfaction: 35, onTime: 0 });
    expect(policy.basicallySatisfiedCredit).toBe(0.8);
    expect(policy.lists).toEqual({ red: { count: 3 }, black: { count: 3 } });
    expect(policy.minimumDemands).toBe(3);
  });

  it('names every bad field', () => {
    const bad = {
      ...JSON.parse(JSON.stringify(policy)),
      weights: { response: -1, resolution: 35, satisfaction: 35, onTime: 0 },
      basicallySatisfiedCredit: 1.5,
      lists: { red: {}, black: { share: 0.2 } },
      groups: [
        { group: 'village', tiers: ['village'] },
        { group: 'mixed', tiers: ['village', 'hamlet'] },
      ],
      ladder: { countWithin: 'year', steps: [{ from: 2, step: 'talk' }] },
    };
    let caught: unknown;
    try {
      parseRankingPolicy(bad);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(RankingPolicyError);
    expect((caught as RankingPolicyError).errors.map((e) => e.field).sort()).toEqual([
      'basicallySatisfiedCredit',
      'groups[1].tiers[0]',
      'groups[1].tiers[1]',
      'ladder.steps[0].from',
      'lists.red',
      'weights.response',
    ]);
    expect((caught as Error).message).toContain(
      'groups[1].tiers[0]: village is already in another group',
    );
  });
});

describe('periods (Beijing time)', () => {
  it('reads months and ISO weeks as half-open intervals', () => {
    expect(MARCH.start).toEqual(at('2026-03-01T00:00:00'));
    expect(MARCH.end).toEqual(at('2026-04-01T00:00:00'));
    const week = parsePeriod('week', '2026-W10')!;
    expect(week.start).toEqual(at('2026-03-02T00:00:00'));
    expect(week.end).toEqual(at('2026-03-09T00:00:00'));
    expect(parsePeriod('week', '2027-W53')).toBeUndefined();
    expect(parsePeriod('month', '2026-13')).toBeUndefined();
    expect(parsePeriod('month', '2026-W10')).toBeUndefined();
  });

  it('finds the period that just ended, as the Monday and first-of-month runs ask', () => {
    expect(periodJustEnded('week', at('2026-03-09T08:00:00')).period).toBe('2026-W10');
    expect(periodJustEnded('month', at('2026-04-01T08:00:00')).period).toBe('2026-03');
    expect(periodJustEnded('month', at('2026-01-01T08:00:00')).period).toBe('2025-12');
    // 00:30 on 1 April in Beijing is still 31 March in UTC.
    expect(periodJustEnded('month', at('2026-04-01T00:30:00')).period).toBe('2026-03');
    expect(periodContaining('week', at('2027-01-01T12:00:00')).period).toBe('2026-W53');
  });
});

describe('rates and score of one unit', () => {
  it('measures the worked example by hand', () => {
    const { counts, rates } = measureUnit(EXAMPLE, 0, policy, AS_OF);
    expect(counts).toMatchObject({
      led: 5,
      measured: 4,
      responseDue: 4,
      respondedInTime: 2,
      resolutionDue: 3,
      resolved: 2,
      resolvedOnTime: 1,
      satisfied: 1,
      basicallySatisfied: 1,
    });
    expect(rates.response).toBe(0.5);
    expect(rates.resolution).toBeCloseTo(2 / 3, 10);
    expect(rates.onTime).toBeCloseTo(1 / 3, 10);
    // (1 + 0.8) / 2
    expect(rates.satisfaction).toBeCloseTo(0.9, 10);
    // (30 × 0.5 + 35 × 2/3 + 35 × 0.9) / 100
    expect(scoreOf(rates, policy.weights)).toBe(69.83);
  });

  it('gives 基本满意 the policy credit', () => {
    const half = { ...policy, basicallySatisfiedCredit: 0.5 };
    const { rates } = measureUnit(
      [answered('satisfied'), answered('basically_satisfied')],
      0,
      half,
      AS_OF,
    );
    expect(rates.satisfaction).toBe(0.75);
  });

  it('weights on-time when the policy does', () => {
    const withOnTime = {
      ...policy,
      weights: { response: 20, resolution: 30, satisfaction: 30, onTime: 20 },
    };
    const { rates } = measureUnit(EXAMPLE, 0, withOnTime, AS_OF);
    // (20 × 0.5 + 30 × 2/3 + 30 × 0.9 + 20 × 1/3) / 100
    expect(scoreOf(rates, withOnTime.weights)).toBe(63.67);
  });

  it('leaves a rate NULL when nothing could be measured, and scores on the others', () => {
    const pending = demand({
      acceptedAt: at('2026-03-30T09:00:00'),
      responseDue: at('2026-03-31T17:30:00'),
      resolutionDue: at('2026-04-20T17:30:00'),
    });
    const { rates } = measureUnit([pending], 0, policy, AS_OF);
    expect(rates).toEqual({ response: 1, resolution: null, satisfaction: null, onTime: null });
    expect(scoreOf(rates, policy.weights)).toBe(100);
    // 30 × 1 + 35 × 0.5 over the 65 weight that could be measured.
    expect(
      scoreOf({ response: 1, resolution: null, satisfaction: 0.5, onTime: null }, policy.weights),
    ).toBe(73.08);
    const nothing = measureUnit([demand({ screenedOut: true })], 0, policy, AS_OF);
    expect(nothing.rates).toEqual({
      response: null,
      resolution: null,
      satisfaction: null,
      onTime: null,
    });
    expect(scoreOf(nothing.rates, policy.weights)).toBeNull();
  });

  it('does not see what happened after the computation time', () => {
    const later = demand({
      acceptedAt: at('2026-04-02T09:00:00'),
      responseDue: at('2026-04-03T17:30:00'),
    });
    expect(measureUnit([later], 0, policy, AS_OF).counts.responseDue).toBe(0);
  });
});

describe('groups, ranks and lists', () => {
  // Satisfaction alone, so each unit's score is its satisfaction in percent.
  const bySatisfaction: RankingPolicy = {
    ...policy,
    weights: { response: 0, resolution: 0, satisfaction: 1, onTime: 0 },
  };
  const unit = (
    code: string,
    tier: string,
    answers: Array<LedDemand['satisfaction']>,
    districtCode = 'D1',
  ): UnitInput => ({
    unit: { code, name: code, tier, districtCode },
    demands: answers.map(answered),
    repeats: 0,
  });
  const S = 'satisfied' as const;
  const B = 'basically_satisfied' as const;
  const U = 'unsatisfied' as const;
  const units = [
    unit('VA', 'village', [S, S, S]), // 100
    unit('VB', 'village', [S, S, B]), // 93.33
    unit('VC', 'village', [S, S, U]), // 66.67
    unit('VD', 'village', [S, U, S]), // 66.67
    unit('VE', 'village', [S, U, U]), // 33.33
    unit('VF', 'village', [U, U, U]), // 0
    unit('VG', 'village', [U, U, U]), // 0
    unit('VX', 'village', [S, S]), // too few demands
    unit('VO', 'village', [S, U, U], 'D2'), // another district
    unit('T1', 'township', [S, S, S]),
    unit('T2', 'township', [U, U, U]),
    unit('K1', 'department', [S, U, S]),
    unit('D1', 'district', [S, S, S]), // no comparable group
  ];

  it('ranks within district and group, with competition ranks and the lists at both ends', () => {
    const results = rankUnits(units, bySatisfaction, AS_OF);
    const view = Object.fromEntries(
      results.map((r) => [r.unit.code, [r.group, r.score, r.rank, r.list]]),
    );
    expect(view).toEqual({
      VA: ['village', 100, 1, 'red'],
      VB: ['village', 93.33, 2, 'red'],
      // Equal at the edge of the red list (3): both on it.
      VC: ['village', 66.67, 3, 'red'],
      VD: ['village', 66.67, 3, 'red'],
      VE: ['village', 33.33, 5, 'black'],
      VF: ['village', 0, 6, 'black'],
      VG: ['village', 0, 6, 'black'],
      VX: ['village', 100, null, 'none'],
      VO: ['village', 33.33, 1, 'none'],
      T1: ['township', 100, 1, 'red'],
      T2: ['township', 0, 2, 'black'],
      K1: ['department', 66.67, 1, 'none'],
      D1: [null, 100, null, 'none'],
    });
  });

  it('sizes the lists by count or by share of the group', () => {
    const two = rankUnits(
      units,
      { ...bySatisfaction, lists: { red: { count: 2 }, black: { count: 2 } } },
      AS_OF,
    );
    const lists = (results: typeof two, list: string) =>
      results.filter((r) => r.list === list && r.group === 'village').map((r) => r.unit.code);
    expect(lists(two, 'red')).toEqual(['VA', 'VB']);
    expect(lists(two, 'black')).toEqual(['VF', 'VG']);
    // 7 villages × 0.2 = 1.4: one place; the two equal last ones share it.
    const share = rankUnits(
      units,
      { ...bySatisfaction, lists: { red: { share: 0.2 }, black: { share: 0.2 } } },
      AS_OF,
    );
    expect(lists(share, 'red')).toEqual(['VA']);
    expect(lists(share, 'black')).toEqual(['VF', 'VG']);
  });

  it('puts nobody on a list when every unit of the group scores the same', () => {
    const equal = ['V1', 'V2', 'V3', 'V4'].map((code) => unit(code, 'village', [S, S, S]));
    expect(rankUnits(equal, bySatisfaction, AS_OF).map((r) => [r.rank, r.list])).toEqual([
      [1, 'none'],
      [1, 'none'],
      [1, 'none'],
      [1, 'none'],
    ]);
  });
});

describe('the ladder of the black list', () => {
  it('steps 1 → 提醒, 2 → 约谈, 3 and more → 问责审查', () => {
    expect([0, 1, 2, 3, 4].map((count) => ladderStep(count, policy))).toEqual([
      null,
      'reminder',
      'talk',
      'formal_review',
      'formal_review',
    ]);
  });

  it('counts each listed period once, up to the period, within its year by default', () => {
    const listed = ['2025-12', '2026-01', '2026-02', '2026-02', '2026-03'];
    expect(listingCount(listed, { period: '2026-02' }, policy)).toBe(2);
    expect(listingCount(listed, { period: '2026-03' }, policy)).toBe(3);
    const ever = { ...policy, ladder: { ...policy.ladder, countWithin: 'all' as const } };
    expect(listingCount(listed, { period: '2026-02' }, ever)).toBe(3);
  });
});

describe('yellow warnings', () => {
  it('names each low rate and many repeats, in Chinese with the period', () => {
    const [result] = rankUnits(
      [
        {
          unit: { code: 'V', name: 'V', tier: 'village', districtCode: 'D' },
          demands: EXAMPLE,
          repeats: 5,
        },
      ],
      { ...policy, minimumDemands: 1 },
      AS_OF,
    );
    expect(yellowReasons(result!, MARCH, policy)).toEqual([
      '2026年3月响应率50.0%，低于80.0%',
      '2026年3月办结率66.7%，低于80.0%',
      '2026年3月按期办结率33.3%，低于70.0%',
      '2026年3月重复诉求5件，达到5件',
    ]);
    expect(yellowReasons(result!, { kind: 'week', period: '2026-W10' }, policy)[0]).toBe(
      '2026年第10周响应率50.0%，低于80.0%',
    );
  });

  it('leaves rates of an unranked unit alone, but not its repeats', () => {
    const [result] = rankUnits(
      [
        {
          unit: { code: 'V', name: 'V', tier: 'village', districtCode: 'D' },
          demands: EXAMPLE,
          repeats: 6,
        },
      ],
      { ...policy, minimumDemands: 10 },
      AS_OF,
    );
    expect(yellowReasons(result!, MARCH, policy)).toEqual(['2026年3月重复诉求6件，达到5件']);
  });
});
