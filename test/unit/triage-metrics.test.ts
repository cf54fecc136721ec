import {
  accuracy,
  agreement,
  duplicateGroups,
  emergencyRecall,
  falseDiversionRate,
  falseMergeRate,
  macroF1,
  pairwiseDuplicateScores,
  percentile,
  type EmergencyRow,
} from '../support/triage-metrics';

describe('emergency metrics', () => {
  const rows: EmergencyRow[] = [
    { trueNumber: '119', divertedTo: '119' },
    { trueNumber: '120', divertedTo: '110' }, // wrong centre, still diverted
    { trueNumber: '110', divertedTo: null }, // missed
    { trueNumber: '122', divertedTo: '122' },
    { trueNumber: null, divertedTo: '119' }, // a past fire sent away
    { trueNumber: null, divertedTo: null },
    { trueNumber: null, divertedTo: null },
    { trueNumber: null, divertedTo: null },
  ];

  it('recall counts true emergencies diverted to any number', () => {
    expect(emergencyRecall(rows)).toBeCloseTo(3 / 4);
  });

  it('false diversion rate is the share of non-emergencies diverted', () => {
    expect(falseDiversionRate(rows)).toBeCloseTo(1 / 4);
  });

  it('is NaN without anything to count', () => {
    expect(emergencyRecall([{ trueNumber: null, divertedTo: null }])).toBeNaN();
    expect(falseDiversionRate([{ trueNumber: '119', divertedTo: '119' }])).toBeNaN();
  });
});

describe('duplicate metrics', () => {
  it('groups follow duplicateOf chains to their root', () => {
    const groups = duplicateGroups([
      { id: 'a', duplicateOf: null },
      { id: 'b', duplicateOf: 'a' },
      { id: 'c', duplicateOf: 'b' },
      { id: 'd', duplicateOf: null },
      { id: 'e', duplicateOf: null },
      { id: 'f', duplicateOf: 'e' },
    ]);
    expect(groups.map((g) => [...g].sort())).toEqual([
      ['a', 'b', 'c'],
      ['e', 'f'],
    ]);
  });

  it('scores pairs: truth {a,b,c} {d,e}, predicted {a,b} {c,d,e}', () => {
    // True pairs ab ac bc de (4); predicted ab cd ce de (4); shared ab de (2).
    const scores = pairwiseDuplicateScores(
      [
        ['a', 'b'],
        ['c', 'd', 'e'],
      ],
      [
        ['a', 'b', 'c'],
        ['d', 'e'],
      ],
    );
    expect(scores.precision).toBeCloseTo(0.5);
    expect(scores.recall).toBeCloseTo(0.5);
    expect(scores.f1).toBeCloseTo(0.5);
  });

  it('order inside a pair does not matter; precision 1 and recall 0 when nothing is predicted', () => {
    expect(pairwiseDuplicateScores([['b', 'a']], [['a', 'b']])).toEqual({
      precision: 1,
      recall: 1,
      f1: 1,
    });
    expect(pairwiseDuplicateScores([], [['a', 'b']])).toEqual({ precision: 1, recall: 0, f1: 0 });
    const oneWrong = pairwiseDuplicateScores([['a', 'c']], [['a', 'b']]);
    expect(oneWrong).toEqual({ precision: 0, recall: 0, f1: 0 });
  });

  it('false merge rate: hard negatives merged into anything', () => {
    const hard = [{ id: 'h1' }, { id: 'h2' }, { id: 'h3' }, { id: 'h4' }];
    const predicted = new Map<string, string | null>([
      ['h1', 'x'],
      ['h2', null],
      ['h4', 'y'],
      ['other', 'z'],
    ]);
    expect(falseMergeRate(hard, predicted)).toBeCloseTo(2 / 4);
    expect(falseMergeRate([], predicted)).toBeNaN();
  });
});

describe('label metrics', () => {
  // truth a a a b b c; predicted a a b b null a
  const pairs = [
    ['a', 'a'],
    ['a', 'a'],
    ['a', 'b'],
    ['b', 'b'],
    ['b', null],
    ['c', 'a'],
  ] as const;

  it('accuracy counts exact matches, a missing prediction is wrong', () => {
    expect(accuracy(pairs)).toBeCloseTo(3 / 6);
    expect(accuracy([])).toBeNaN();
  });

  it('macro F1 averages per-class F1 over classes seen as truth or prediction', () => {
    // a: tp2 fp1 fn1 → 4/6; b: tp1 fp1 fn1 → 2/4; c: tp0 fn1 → 0.
    expect(macroF1(pairs)).toBeCloseTo((4 / 6 + 2 / 4 + 0) / 3);
  });

  it('macro F1 leaves out classes nobody used, and counts classes only predicted', () => {
    expect(macroF1([['a', 'a']])).toBe(1);
    // d is predicted but never true: F1 0 for d, 0 for a.
    expect(macroF1([['a', 'd']])).toBe(0);
  });

  it('agreement compares lead unit codes', () => {
    expect(
      agreement([
        ['511999-CG', '511999-CG'],
        ['511999101', '511999101201'],
        ['511900', null],
        ['511999101201', '511999101201'],
      ]),
    ).toBeCloseTo(2 / 4);
  });
});

describe('percentile', () => {
  it('interpolates between closest ranks', () => {
    const values = [5, 1, 4, 2, 3];
    expect(percentile(values, 50)).toBe(3);
    expect(percentile(values, 0)).toBe(1);
    expect(percentile(values, 100)).toBe(5);
    expect(percentile(values, 95)).toBeCloseTo(4.8);
    expect(percentile([10, 20], 25)).toBeCloseTo(12.5);
  });

  it('is NaN for no values and refuses p outside 0–100', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });
});
