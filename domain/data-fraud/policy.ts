/**
 * The data-fraud policy (数据造假监测): the thresholds of each signal the periodic ranking
 * checks, edited by the process owner in `processes/data-fraud-policy.json` beside the ranking
 * policy. A signal set to `null` is not checked. `parseDataFraudPolicy` refuses a bad file with
 * every bad field named.
 */
import type { PeriodKind } from '../rankings/periods';
import {
  isPolicyObject,
  policyFieldReader,
  type PolicyFieldError,
  type PolicyObject,
} from '../policy-fields';

/** Demand categories (demands.category) a handling time can be set for. */
export const CLOSURE_CATEGORIES = [
  'consultation',
  'suggestion',
  'request',
  'complaint',
  'collective',
  'other',
] as const;
export type ClosureCategory = (typeof CLOSURE_CATEGORIES)[number];

export interface DataFraudPolicy {
  /** Which ranking periods are checked; a week is usually too little to judge fraud on. */
  periodKinds: PeriodKind[];
  /** One person signing two or more of the four sign-off parts of the same demand. */
  signerOverlap: { demandsAtLeast: number } | null;
  /** Closures faster after the lead assignment than the category's plausible minimum. */
  hastyClosure: {
    minutesByCategory: Record<ClosureCategory, number | null>;
    demandsAtLeast: number;
    shareAtLeast: number;
  } | null;
  /** The same result text, word for word, on many closures of one unit. */
  copiedResults: { sameTextAtLeast: number; ignoreShorterThan: number } | null;
  /** Spot-check visits whose citizen contradicts the closure, as a share of the unit's visits. */
  spotCheckContradictions: { visitedAtLeast: number; shareAtLeast: number } | null;
}

export type FraudPolicyFieldError = PolicyFieldError;

export class DataFraudPolicyError extends Error {
  override name = 'DataFraudPolicyError';
  constructor(readonly errors: FraudPolicyFieldError[]) {
    super(
      `the data-fraud policy is not valid: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`,
    );
  }
}

type Obj = PolicyObject;
const isObject = isPolicyObject;

/** Reads one policy document (the parsed JSON); throws DataFraudPolicyError naming each bad field. */
export function parseDataFraudPolicy(input: unknown): DataFraudPolicy {
  const { errors, fail, number, whole } = policyFieldReader();
  const root = isObject(input) ? input : (fail('', 'must be an object'), {});
  /** A signal's section: an object, or null to switch the signal off; absent is a mistake. */
  const signal = <T>(field: string, read: (o: Obj) => T): T | null => {
    const value = root[field];
    if (value === null) return null;
    if (!isObject(value)) {
      fail(field, 'must be an object, or null to switch the signal off');
      return null;
    }
    return read(value);
  };

  const periodKinds: PeriodKind[] = [];
  if (!Array.isArray(root.periodKinds) || root.periodKinds.length === 0) {
    fail('periodKinds', 'must list month and/or week');
  } else {
    root.periodKinds.forEach((kind, i) => {
      if (kind !== 'month' && kind !== 'week') fail(`periodKinds[${i}]`, 'must be month or week');
      else if (periodKinds.includes(kind)) fail(`periodKinds[${i}]`, `${kind} is listed twice`);
      else periodKinds.push(kind);
    });
  }

  const policy: DataFraudPolicy = {
    periodKinds,
    signerOverlap: signal('signerOverlap', (o) => ({
      demandsAtLeast: whole(o.demandsAtLeast, 'signerOverlap.demandsAtLeast', 1),
    })),
    hastyClosure: signal('hastyClosure', (o) => {
      const minutes = isObject(o.minutesByCategory)
        ? o.minutesByCategory
        : (fail('hastyClosure.minutesByCategory', 'must be an object'), {} as Obj);
      for (const key of Object.keys(minutes)) {
        if (!(CLOSURE_CATEGORIES as readonly string[]).includes(key)) {
          fail(`hastyClosure.minutesByCategory.${key}`, `is not a category`);
        }
      }
      return {
        minutesByCategory: Object.fromEntries(
          CLOSURE_CATEGORIES.map((c) => [
            c,
            minutes[c] === null || minutes[c] === undefined
              ? null
              : number(minutes[c], `hastyClosure.minutesByCategory.${c}`, 1, 10_080),
          ]),
        ) as Record<ClosureCategory, number | null>,
        demandsAtLeast: whole(o.demandsAtLeast, 'hastyClosure.demandsAtLeast', 1),
        shareAtLeast: number(o.shareAtLeast, 'hastyClosure.shareAtLeast', 0, 1),
      };
    }),
    copiedResults: signal('copiedResults', (o) => ({
      sameTextAtLeast: whole(o.sameTextAtLeast, 'copiedResults.sameTextAtLeast', 2),
      ignoreShorterThan: whole(o.ignoreShorterThan, 'copiedResults.ignoreShorterThan', 0),
    })),
    spotCheckContradictions: signal('spotCheckContradictions', (o) => ({
      visitedAtLeast: whole(o.visitedAtLeast, 'spotCheckContradictions.visitedAtLeast', 1),
      shareAtLeast: number(o.shareAtLeast, 'spotCheckContradictions.shareAtLeast', 0.01, 1),
    })),
  };
  if (errors.length > 0) throw new DataFraudPolicyError(errors);
  return policy;
}
