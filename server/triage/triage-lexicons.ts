import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CATEGORIES, DOMAINS, TIERS, isOneOf } from '../../domain/demand';
import type { Category, Domain, Tier } from '../../domain/demand';
import { LexiconError, loadEmergencyLexicon, type EmergencyLexicon } from './emergency-check';

/** The screening outcomes a cue can point to (repeats and emergencies have their own checks). */
export const CUE_OUTCOMES = [
  'valid',
  'invalid_false_info',
  'invalid_out_of_scope',
  'divert_legal_channel',
] as const;
export type CueOutcome = (typeof CUE_OUTCOMES)[number];

/** The routing table's special matters (processes/demand-routing.dmn input "matter"). */
export const MATTERS = ['noise', 'fumes'] as const;
export type Matter = (typeof MATTERS)[number];

export interface DomainLexicon {
  domains: Record<Domain, string[]>;
  matters: Record<Matter, string[]>;
}
export interface CategoryLexicon {
  categories: Record<Category, string[]>;
}
export interface ScreeningReason {
  outcome: Exclude<CueOutcome, 'valid'>;
  cues: string[];
  /** zh-CN, told to the citizen: why it is not handled here and where to go. */
  explanation: string;
}
export interface ScreeningLexicon {
  reasons: Record<string, ScreeningReason>;
}
export interface TierLexicon {
  tiers: Record<Tier, string[]>;
  /** The tier a domain's demands usually go to, when the text names no scope. */
  byDomain: Partial<Record<Domain, Tier>>;
  /** How hard the usual tier leans (a starting weight, like a lexicon term's). */
  byDomainWeight: number;
}

/** Everything the triage model reads from the process owners' files. */
export interface TriageLexicons {
  domain: DomainLexicon;
  category: CategoryLexicon;
  screening: ScreeningLexicon;
  tier: TierLexicon;
  emergency: EmergencyLexicon;
}

/** The reason codes of screen-first.form a screening cue may name (not repeat or emergency), each with its outcome. */
export const REASON_OUTCOMES = {
  test: 'invalid_false_info',
  nonsense: 'invalid_false_info',
  abuse: 'invalid_false_info',
  spam: 'invalid_false_info',
  rumour: 'invalid_false_info',
  not_government: 'invalid_out_of_scope',
  other_district: 'invalid_out_of_scope',
  court: 'divert_legal_channel',
  arbitration: 'divert_legal_channel',
  administrative_review: 'divert_legal_channel',
  civil_dispute: 'divert_legal_channel',
} as const satisfies Record<string, Exclude<CueOutcome, 'valid'>>;
export type CueReasonCode = keyof typeof REASON_OUTCOMES;
export const CUE_REASON_CODES = Object.keys(REASON_OUTCOMES) as CueReasonCode[];

export const DEFAULT_LEXICON_DIR = __dirname;

type Json = Record<string, unknown>;

const isStringList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string' && item.trim() !== '');

function readLexicon(file: string): { data: Json; fail: (where: string, what: string) => Error } {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new LexiconError(`cannot read the lexicon ${file}: ${(error as Error).message}`);
  }
  const fail = (where: string, what: string) =>
    new LexiconError(`lexicon ${file}: ${where} ${what}`);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw fail('(top level)', 'must be an object');
  }
  if (typeof (data as Json).about !== 'string') throw fail('about', 'must explain the rule');
  return { data: data as Json, fail };
}

/** An object with exactly the given keys, each a list of non-empty phrases. */
function termTable<K extends string>(
  value: unknown,
  keys: readonly K[],
  where: string,
  fail: (where: string, what: string) => Error,
): Record<K, string[]> {
  if (typeof value !== 'object' || value === null) throw fail(where, 'must be an object');
  const table = value as Json;
  for (const key of Object.keys(table)) {
    if (!isOneOf(keys, key))
      throw fail(`${where}.${key}`, `is unknown (one of ${keys.join(', ')})`);
  }
  for (const key of keys) {
    if (!isStringList(table[key])) throw fail(`${where}.${key}`, 'must be a list of phrases');
  }
  return table as Record<K, string[]>;
}

export function loadDomainLexicon(file: string): DomainLexicon {
  const { data, fail } = readLexicon(file);
  return {
    domains: termTable(data.domains, DOMAINS, 'domains', fail),
    matters: termTable(data.matters, MATTERS, 'matters', fail),
  };
}

export function loadCategoryLexicon(file: string): CategoryLexicon {
  const { data, fail } = readLexicon(file);
  return { categories: termTable(data.categories, CATEGORIES, 'categories', fail) };
}

export function loadTierLexicon(file: string): TierLexicon {
  const { data, fail } = readLexicon(file);
  const byDomain = data.byDomain ?? {};
  if (typeof byDomain !== 'object' || byDomain === null)
    throw fail('byDomain', 'must be an object');
  for (const [domain, tier] of Object.entries(byDomain as Json)) {
    if (!isOneOf(DOMAINS, domain)) throw fail(`byDomain.${domain}`, 'is not a domain');
    if (!isOneOf(TIERS, tier))
      throw fail(`byDomain.${domain}`, `must be one of ${TIERS.join(', ')}`);
  }
  const weight = data.byDomainWeight ?? 0;
  if (typeof weight !== 'number' || !(weight >= 0)) {
    throw fail('byDomainWeight', 'must be a number of at least 0');
  }
  return {
    tiers: termTable(data.tiers, TIERS, 'tiers', fail),
    byDomain: byDomain as Partial<Record<Domain, Tier>>,
    byDomainWeight: weight,
  };
}

export function loadScreeningLexicon(file: string): ScreeningLexicon {
  const { data, fail } = readLexicon(file);
  const reasons = data.reasons;
  if (typeof reasons !== 'object' || reasons === null) throw fail('reasons', 'must be an object');
  for (const [code, entry] of Object.entries(reasons as Record<string, Json>)) {
    const where = `reasons.${code}`;
    if (!isOneOf(CUE_REASON_CODES, code)) {
      throw fail(where, `is not a reason code (one of ${CUE_REASON_CODES.join(', ')})`);
    }
    if (entry.outcome !== REASON_OUTCOMES[code]) {
      throw fail(`${where}.outcome`, `must be ${REASON_OUTCOMES[code]}`);
    }
    if (!isStringList(entry.cues)) throw fail(`${where}.cues`, 'must be a list of phrases');
    if (typeof entry.explanation !== 'string' || entry.explanation.trim() === '') {
      throw fail(`${where}.explanation`, 'must be the text told to the citizen');
    }
  }
  return { reasons: reasons as Record<string, ScreeningReason> };
}

/**
 * Reads and checks every triage lexicon from `dir` (by default the ones beside this file); a
 * broken file stops the server at start, naming the file and the part.
 */
export function loadTriageLexicons(dir: string = DEFAULT_LEXICON_DIR): TriageLexicons {
  return {
    domain: loadDomainLexicon(path.join(dir, 'domain-lexicon.json')),
    category: loadCategoryLexicon(path.join(dir, 'category-lexicon.json')),
    screening: loadScreeningLexicon(path.join(dir, 'screening-lexicon.json')),
    tier: loadTierLexicon(path.join(dir, 'tier-lexicon.json')),
    emergency: loadEmergencyLexicon(path.join(dir, 'emergency-lexicon.json')),
  };
}
