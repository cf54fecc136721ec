import path from 'node:path';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import {
  loadSpotCheckPolicy,
  parseSpotCheckPolicy,
  sampleClosures,
  sampleSize,
  type Closure,
  type SpotCheckPolicy,
} from '../../domain/spot-checks';

const POLICY: SpotCheckPolicy = {
  share: 0.1,
  minimumPerUnit: 1,
  maximumPerUnit: 5,
  seed: 'county-seed',
};

const closuresOf = (unitCode: string, count: number): Closure[] =>
  Array.from({ length: count }, (_, i) => ({
    demandCode: `${unitCode}-20261015-${String(i + 1).padStart(5, '0')}`,
    unitCode,
  }));

describe('spot-check sample size', () => {
  it.each([
    [0, 0],
    [1, 1],
    [3, 1],
    [10, 1],
    [11, 2],
    [40, 4],
    [200, 5],
  ])('of %i closures samples %i', (closed, expected) => {
    expect(sampleSize(closed, POLICY)).toBe(expected);
  });

  it('never samples more than the unit closed, whatever the minimum', () => {
    expect(sampleSize(2, { ...POLICY, minimumPerUnit: 3 })).toBe(2);
  });
});

describe('deterministic spot-check sampling', () => {
  const closures = [...closuresOf('519931001002', 25), ...closuresOf('519931-SW', 4)];

  it('samples each unit by its own closures', () => {
    const sample = sampleClosures(closures, POLICY, '2026-10');
    const perUnit = (unit: string) => sample.filter((c) => c.unitCode === unit).length;
    expect(perUnit('519931001002')).toBe(3);
    expect(perUnit('519931-SW')).toBe(1);
    for (const pick of sample) expect(closures).toContainEqual(pick);
  });

  it('draws the same sample again, in whatever order the closures come', () => {
    const first = sampleClosures(closures, POLICY, '2026-10');
    const again = sampleClosures([...closures].reverse(), POLICY, '2026-10');
    expect(again).toEqual(first);
  });

  it('draws another sample in another month or with another seed', () => {
    const october = sampleClosures(closures, POLICY, '2026-10');
    const months = ['2026-11', '2026-12', '2027-01'].map((m) =>
      JSON.stringify(sampleClosures(closures, POLICY, m)),
    );
    const seeds = ['a', 'b', 'c'].map((seed) =>
      JSON.stringify(sampleClosures(closures, { ...POLICY, seed }, '2026-10')),
    );
    // Three other draws of 3 out of 25 all equal to October's would be a broken draw.
    expect(months.some((m) => m !== JSON.stringify(october))).toBe(true);
    expect(seeds.some((s) => s !== JSON.stringify(october))).toBe(true);
  });

  it('counts a demand listed twice once', () => {
    const twice = [...closuresOf('519931001003', 1), ...closuresOf('519931001003', 1)];
    expect(sampleClosures(twice, POLICY, '2026-10')).toHaveLength(1);
  });
});

describe('spot-check policy', () => {
  it('reads the shipped policy', () => {
    const policy = loadSpotCheckPolicy();
    expect(policy.share).toBe(0.1);
    expect(policy.minimumPerUnit).toBe(1);
  });

  it('names every bad field', () => {
    expect(() =>
      parseSpotCheckPolicy({ share: 0, minimumPerUnit: -1, maximumPerUnit: 0, seed: '' }),
    ).toThrow(/share.*minimumPerUnit.*maximumPerUnit.*seed/);
    expect(() =>
      parseSpotCheckPolicy({ share: 0.5, minimumPerUnit: 4, maximumPerUnit: 2, seed: 's' }),
    ).toThrow(/must not exceed maximumPerUnit/);
  });

  it('refuses a file that is not JSON', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'spot-')), 'policy.json');
    writeFileSync(file, '{ share: ');
    expect(() => loadSpotCheckPolicy(file)).toThrow(/policy\.json/);
  });
});
