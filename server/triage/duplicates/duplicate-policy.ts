import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The duplicate rules a county sets (see `duplicate-policy.json`, whose `about` explains them). */
export interface DuplicatePolicy {
  /** How many days before a new demand an earlier one may be repeated. */
  windowDays: number;
  /** Text similarity 0..1 from which two demands at one place are the same matter. */
  similarityThreshold: number;
  /** Factor 0..1 on the similarity threshold when the same citizen (phone) speaks again. */
  sameCitizenFactor: number;
  /** Matter-word similarity 0..1 from which two demands at one place are the same matter. */
  matterThreshold: number;
  /** "Nearby" for demands with coordinates. */
  nearbyMetres: number;
  /** Which kinds of "the same place" count; any one that holds is enough. */
  samePlace: { sameGrid: boolean; sameVillage: boolean; withinDistance: boolean };
  /** Demands of two different known domains are never duplicates. */
  requireSameDomain: boolean;
  /** Without requireSameDomain: the factor 0..1 on the similarity of two known, different domains. */
  otherDomainFactor: number;
  /** Share 0..1 of a repeat's content not in the original from which it brings new facts. */
  newFactsNovelty: number;
  /** Demands in one duplicate group (the original included) that open listed supervision. */
  listedSupervisionThreshold: number;
}

export const DEFAULT_DUPLICATE_POLICY_FILE = path.join(__dirname, 'duplicate-policy.json');

export class DuplicatePolicyError extends Error {
  override name = 'DuplicatePolicyError';
}

/**
 * Checks a policy object field by field; a broken policy stops the server or worker at start,
 * naming the field. `source` names where it came from in the message.
 */
export function checkDuplicatePolicy(data: unknown, source = 'duplicate policy'): DuplicatePolicy {
  const fail = (what: string) => new DuplicatePolicyError(`${source}: ${what}`);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw fail('must be an object');
  }
  const policy = data as Record<string, unknown>;
  const number = (field: string, min: number, max: number, integer = false): number => {
    const value = policy[field];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
      throw fail(`${field} must be a number from ${min} to ${max}`);
    }
    if (integer && !Number.isInteger(value)) throw fail(`${field} must be a whole number`);
    return value;
  };
  const samePlace = policy.samePlace as Record<string, unknown> | undefined;
  if (typeof samePlace !== 'object' || samePlace === null) {
    throw fail('samePlace must be an object with sameGrid, sameVillage and withinDistance');
  }
  for (const rule of ['sameGrid', 'sameVillage', 'withinDistance']) {
    if (typeof samePlace[rule] !== 'boolean') throw fail(`samePlace.${rule} must be true or false`);
  }
  if (typeof policy.requireSameDomain !== 'boolean') {
    throw fail('requireSameDomain must be true or false');
  }
  return {
    windowDays: number('windowDays', 1, 3650, true),
    similarityThreshold: number('similarityThreshold', 0.01, 1),
    sameCitizenFactor: number('sameCitizenFactor', 0.01, 1),
    matterThreshold: number('matterThreshold', 0.01, 1),
    nearbyMetres: number('nearbyMetres', 0, 100_000),
    samePlace: {
      sameGrid: samePlace.sameGrid as boolean,
      sameVillage: samePlace.sameVillage as boolean,
      withinDistance: samePlace.withinDistance as boolean,
    },
    requireSameDomain: policy.requireSameDomain,
    otherDomainFactor: number('otherDomainFactor', 0, 1),
    newFactsNovelty: number('newFactsNovelty', 0, 1),
    // Fewer than two would open listed supervision for a demand nobody repeated.
    listedSupervisionThreshold: number('listedSupervisionThreshold', 2, 1000, true),
  };
}

/** Reads and checks a policy file. */
export function loadDuplicatePolicy(file: string = DEFAULT_DUPLICATE_POLICY_FILE): DuplicatePolicy {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new DuplicatePolicyError(
      `cannot read the duplicate policy ${file}: ${(error as Error).message}`,
    );
  }
  return checkDuplicatePolicy(data, `duplicate policy ${file}`);
}
