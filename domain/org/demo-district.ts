import { demoDepartments } from './demo-departments';
import { COMMUNITY_STEMS, gridName, TOWNSHIP_SEEDS, VILLAGE_STEMS } from './demo-names';
import { integerBetween, mulberry32, shuffled, type SeededRandom } from './seeded-random';
import type { GridNode, OrgTreeFile, TownshipNode, VillageNode } from './types';

/**
 * The demo district has the size of the district described in seeds/002 (巴州区: 22 乡镇(街道),
 * 296 村(社区)), so load, screens and rankings are tried at a realistic scale.
 */
export const DEMO_DISTRICT_CODE = '511999';
export const DEMO_DISTRICT_NAME = '示范区';
export const DEMO_TOWNSHIP_COUNT = 22;
export const DEMO_VILLAGE_COUNT = 296;

/** Fixed so the district is identical everywhere; change it and every demo code moves. */
const DEMO_SEED = 0x511999;

/** Streets hold fewer communities than towns hold villages; 乡 are the smallest. */
const BASE_SIZE = { 街道: 10, 镇: 13, 乡: 8 } as const;

/**
 * Division codes follow GB/T 10114: under a district, streets are numbered 001–099, towns
 * 100–199 and 乡 200–299; under a township, communities 001–199 and villages 200–399.
 */
const TOWNSHIP_CODE_BASE = { 街道: 0, 镇: 100, 乡: 200 } as const;
const VILLAGE_CODE_BASE = { community: 0, village: 200 } as const;

/** The demo district; the same tree on every call. */
export function generateDemoDistrict(): OrgTreeFile {
  const random = mulberry32(DEMO_SEED);
  const sizes = apportion(
    DEMO_VILLAGE_COUNT,
    TOWNSHIP_SEEDS.map((seed) => BASE_SIZE[seed.suffix] + random() * 6),
  );
  const villageNames = nameSupply(shuffled(VILLAGE_STEMS, random), '村');
  const communityNames = nameSupply(shuffled(COMMUNITY_STEMS, random), '社区');
  const numbering = { 街道: 0, 镇: 0, 乡: 0 };

  const children = TOWNSHIP_SEEDS.map((seed, index): TownshipNode => {
    numbering[seed.suffix] += 1;
    const code = `${DEMO_DISTRICT_CODE}${pad3(TOWNSHIP_CODE_BASE[seed.suffix] + numbering[seed.suffix])}`;
    const kind = seed.kind === 'street' ? 'community' : 'village';
    const names = kind === 'community' ? communityNames : villageNames;
    const villages = Array.from({ length: sizes[index] ?? 0 }, (_, position): VillageNode => {
      const villageCode = `${code}${pad3(VILLAGE_CODE_BASE[kind] + position + 1)}`;
      return {
        code: villageCode,
        name: names(),
        tier: 'village',
        kind,
        grids: demoGrids(villageCode, random),
      };
    });
    return {
      code,
      name: `${seed.stem}${seed.suffix}`,
      tier: 'township',
      kind: seed.kind,
      children: villages,
    };
  });

  return {
    code: DEMO_DISTRICT_CODE,
    name: DEMO_DISTRICT_NAME,
    tier: 'district',
    children,
    departments: demoDepartments(DEMO_DISTRICT_CODE),
    city: { code: '511900', name: '市级部门' },
  };
}

function demoGrids(villageCode: string, random: SeededRandom): GridNode[] {
  return Array.from({ length: integerBetween(random, 2, 4) }, (_, i) => ({
    code: `${villageCode}-${String(i + 1).padStart(2, '0')}`,
    name: gridName(i + 1),
  }));
}

/** Hands out names in order; running dry is a bug in the word lists, not a data problem. */
function nameSupply(stems: readonly string[], suffix: string): () => string {
  let next = 0;
  return () => {
    const stem = stems[next++];
    if (stem === undefined) throw new Error(`demo word list for …${suffix} is too short`);
    return `${stem}${suffix}`;
  };
}

/**
 * Splits `total` in proportion to `weights` into whole numbers that add up exactly
 * (largest remainder; ties go to the earlier entry).
 */
function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / sum) * total);
  const counts = exact.map(Math.floor);
  const byRemainder = exact
    .map((value, index) => ({ index, remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  let missing = total - counts.reduce((a, b) => a + b, 0);
  for (const { index } of byRemainder) {
    if (missing-- <= 0) break;
    counts[index] = (counts[index] ?? 0) + 1;
  }
  return counts;
}

function pad3(n: number): string {
  return String(n).padStart(3, '0');
}
