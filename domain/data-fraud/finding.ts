/**
 * What a data-fraud detector finds: one finding per unit and signal in a period, raised as a
 * red warning (红灯) with reason code `data_fraud`. The reason names the evidence a discipline
 * inspector checks first (demand codes, counts), never a phone or ID number.
 */

export const FRAUD_SIGNALS = [
  'signer_overlap',
  'hasty_closure',
  'copied_results',
  'spot_check_contradictions',
] as const;
export type FraudSignal = (typeof FRAUD_SIGNALS)[number];

/** The reason code of every warning a detector raises. */
export const DATA_FRAUD = 'data_fraud';

export interface FraudEvidence {
  /** The demands the finding rests on, in code order. */
  demandCodes: string[];
  /** How many of the unit's items in the period are suspicious… */
  count: number;
  /** …out of how many were looked at (closures, visits, signed demands). */
  of: number;
}

export interface FraudFinding {
  unitCode: string;
  signal: FraudSignal;
  /** zh-CN, for the warning and the message to the unit's head. */
  reason: string;
  evidence: FraudEvidence;
}

/** At most this many codes are quoted in a reason; the evidence keeps them all. */
const QUOTED_CODES = 5;

/** `诉求 A、B、C` or `诉求 A、B、C、D、E等7件`. */
export function quoteDemands(codes: readonly string[]): string {
  const shown = codes.slice(0, QUOTED_CODES).join('、');
  return codes.length > QUOTED_CODES ? `诉求 ${shown}等${codes.length}件` : `诉求 ${shown}`;
}

export const percent = (value: number) => `${(Math.round(value * 1000) / 10).toFixed(1)}%`;

/** Groups rows by a key, keeping first-seen order. */
export function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

export const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
