import fs from 'node:fs';
import path from 'node:path';
import {
  CATEGORIES,
  CHANNELS,
  DOMAINS,
  EMERGENCY_NUMBERS,
  isOneOf,
  SCREENING_OUTCOMES,
  TIERS,
  type Category,
  type Channel,
  type Domain,
  type EmergencyNumber,
  type ScreeningOutcome,
  type Tier,
} from '../../domain/demand/vocabulary';
import { generateDemoDistrict } from '../../domain/org';

/** Why a demand was not taken as valid, as processes/forms/screen-first.form offers them. */
export const SCREENING_REASON_CODES = [
  'repeat',
  'test',
  'nonsense',
  'abuse',
  'spam',
  'rumour',
  'not_government',
  'other_district',
  'court',
  'arbitration',
  'administrative_review',
  'civil_dispute',
  'emergency',
] as const;
export type ScreeningReasonCode = (typeof SCREENING_REASON_CODES)[number];

export interface TriageFixtureLabels {
  outcome: ScreeningOutcome;
  reasonCode: ScreeningReasonCode | null;
  emergencyNumber: EmergencyNumber | null;
  /** The next five only for valid demands. */
  category: Category | null;
  domain: Domain | null;
  tier: Tier | null;
  leadUnitCode: string | null;
  coUnitCodes: string[];
  /** The first demand of the group this one repeats. */
  duplicateOf: string | null;
  /** The earlier demand this one resembles without being the same matter. */
  hardNegativeOf: string | null;
}

export interface TriageFixture {
  id: string;
  submittedAt: Date;
  channel: Channel;
  phone: string;
  text: string;
  /** Village/community or grid code of the demo district. */
  unitCode: string;
  labels: TriageFixtureLabels;
  tags: string[];
}

export const TRIAGE_FIXTURES_PATH = path.join(__dirname, '../fixtures/triage/demands.json');

/** Reads and validates the labelled set; throws naming the demand id and field on bad data. */
export function loadTriageFixtures(file = TRIAGE_FIXTURES_PATH): TriageFixture[] {
  const json: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  const demands = (json as { demands?: unknown } | null)?.demands;
  if (!Array.isArray(demands)) throw new Error(`${file}: no "demands" list`);
  return parseTriageFixtures(demands);
}

/** Codes of the demo district by kind: where a demand may come from, and every unit at all. */
export function demoUnitCodes(): { places: Set<string>; units: Set<string> } {
  const tree = generateDemoDistrict();
  const places = new Set<string>();
  const units = new Set<string>([tree.code]);
  if (tree.city) units.add(tree.city.code);
  for (const department of tree.departments ?? []) units.add(department.code);
  for (const township of tree.children ?? []) {
    units.add(township.code);
    for (const village of township.children ?? []) {
      for (const code of [village.code, ...(village.grids ?? []).map((g) => g.code)]) {
        places.add(code);
        units.add(code);
      }
    }
  }
  return { places, units };
}

const SUBMITTED_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/;

export function parseTriageFixtures(demands: readonly unknown[]): TriageFixture[] {
  const { places, units } = demoUnitCodes();
  const seen = new Set<string>();
  return demands.map((raw, index) => {
    const row = (raw ?? {}) as Record<string, unknown>;
    const id = typeof row.id === 'string' && /^T\d{4}$/.test(row.id) ? row.id : `#${index}`;
    const fail = (field: string, problem: string): never => {
      throw new Error(`${id} ${field}: ${problem}`);
    };
    if (id.startsWith('#')) fail('id', 'must look like T0001');
    if (seen.has(id)) fail('id', 'appears twice');
    if (
      typeof row.submittedAt !== 'string' ||
      !SUBMITTED_AT.test(row.submittedAt) ||
      Number.isNaN(Date.parse(row.submittedAt))
    )
      fail('submittedAt', 'must be an ISO time at +08:00');
    if (!isOneOf(CHANNELS, row.channel)) fail('channel', 'is not a channel');
    if (typeof row.phone !== 'string' || !/^138\d{8}$/.test(row.phone))
      fail('phone', 'must be a synthetic 138… number');
    if (typeof row.text !== 'string' || row.text.trim() === '') fail('text', 'is empty');
    if (typeof row.unitCode !== 'string' || !places.has(row.unitCode))
      fail('unitCode', 'is no village or grid of the demo district');
    if (!Array.isArray(row.tags) || !row.tags.every((t) => typeof t === 'string'))
      fail('tags', 'must be a list of words');
    const labels = parseLabels(
      (row.labels ?? {}) as Record<string, unknown>,
      units,
      seen,
      (field, problem) => fail(`labels.${field}`, problem),
    );
    seen.add(id);
    return {
      id,
      submittedAt: new Date(row.submittedAt as string),
      channel: row.channel as Channel,
      phone: row.phone as string,
      text: row.text as string,
      unitCode: row.unitCode as string,
      labels,
      tags: row.tags as string[],
    };
  });
}

function parseLabels(
  l: Record<string, unknown>,
  units: Set<string>,
  earlierIds: Set<string>,
  fail: (field: string, problem: string) => never,
): TriageFixtureLabels {
  if (!isOneOf(SCREENING_OUTCOMES, l.outcome)) fail('outcome', 'is not a screening outcome');
  const outcome = l.outcome as ScreeningOutcome;
  const isValid = outcome === 'valid';
  const nullable = <T extends string>(
    field: string,
    values: readonly T[] | null,
    required: boolean,
  ): T | null => {
    const value = l[field];
    if (value === null || value === undefined) {
      if (required) fail(field, `is needed when the outcome is ${outcome}`);
      return null;
    }
    if (!required) fail(field, `must be null when the outcome is ${outcome}`);
    if (values ? !isOneOf(values, value) : typeof value !== 'string' || !units.has(value))
      fail(field, 'is not known');
    return value as T;
  };
  const reference = (field: string): string | null => {
    const value = l[field] ?? null;
    if (value !== null && (typeof value !== 'string' || !earlierIds.has(value)))
      fail(field, 'must name an earlier demand');
    return value as string | null;
  };
  const reasonCode = nullable('reasonCode', SCREENING_REASON_CODES, !isValid);
  const coUnitCodes = l.coUnitCodes;
  if (
    !Array.isArray(coUnitCodes) ||
    !coUnitCodes.every((c) => typeof c === 'string' && units.has(c))
  )
    fail('coUnitCodes', 'must list known unit codes');
  if (!isValid && (coUnitCodes as string[]).length > 0)
    fail('coUnitCodes', 'must be empty unless valid');
  return {
    outcome,
    reasonCode,
    emergencyNumber: nullable('emergencyNumber', EMERGENCY_NUMBERS, outcome === 'divert_emergency'),
    category: nullable('category', CATEGORIES, isValid),
    domain: nullable('domain', DOMAINS, isValid),
    tier: nullable('tier', TIERS, isValid),
    leadUnitCode: nullable('leadUnitCode', null, isValid),
    coUnitCodes: coUnitCodes as string[],
    duplicateOf: reference('duplicateOf'),
    hardNegativeOf: reference('hardNegativeOf'),
  };
}
