/**
 * What scripted staff and citizens do with each demand, and what the contract
 * (processes/README.md, workers/README.md) says must then exist for it, counted by hand from
 * the steps: the expectations are written here, never read back from the system.
 */
import { generateDemoDistrict } from '../../../domain/org';
import type { SeededRandom } from '../../../domain/org/seeded-random';

export const demo = generateDemoDistrict();
export const DISTRICT = demo.code;
export const TOWNSHIP = demo.children!.find((t) =>
  (t.children ?? []).some((v) => (v.grids ?? []).length > 0),
)!;
export const VILLAGE = TOWNSHIP.children!.find((v) => (v.grids ?? []).length > 0)!;
export const GRID = VILLAGE.grids![0]!;

export const CATEGORY = 'consultation';
export const DOMAIN = 'sanitation';

/**
 * - `archived`: screened valid, reviewed reasonable (village), accepted, resolved, the citizen
 *   satisfied on the public page, four approvals, archived.
 * - `invalid`: screened as false information, closed with an explanation.
 * - `unreasonable`: valid, then the review finds it unreasonable, closed.
 * - `overdue`: as `archived`, but left accepted and unresolved while the clock passes its
 *   warning time and its resolution deadline (one warning, one yellow supervision order);
 *   resolved afterwards.
 * - `unsatisfied`: resolved by the village, the citizen unsatisfied twice (the second time a
 *   red order and escalation to the township), resolved by the township, satisfied, archived.
 */
export type Kind = 'archived' | 'invalid' | 'unreasonable' | 'overdue' | 'unsatisfied';

/** Shares of the kinds in a run, in per cent. */
const MIX: [Kind, number][] = [
  ['archived', 60],
  ['invalid', 10],
  ['unreasonable', 10],
  ['overdue', 10],
  ['unsatisfied', 10],
];

export function pickKind(random: SeededRandom): Kind {
  let roll = random() * 100;
  for (const [kind, share] of MIX) {
    roll -= share;
    if (roll < 0) return kind;
  }
  return 'archived';
}

export type HandleAction = 'accept' | 'resolve';

/** The `handle` tasks of a demand in the order they appear, one action each. */
export const HANDLES: Record<Kind, HandleAction[]> = {
  archived: ['accept', 'resolve'],
  invalid: [],
  unreasonable: [],
  overdue: ['accept', 'resolve'],
  unsatisfied: ['accept', 'resolve', 'resolve', 'resolve'],
};

/** The citizen's answer to the n-th verification request (1-based). */
export function feedbackFor(kind: Kind, request: number): 'satisfied' | 'unsatisfied' {
  return kind === 'unsatisfied' && request <= 2 ? 'unsatisfied' : 'satisfied';
}

export const ends: Record<Kind, string> = {
  archived: 'archived',
  invalid: 'closed_invalid',
  unreasonable: 'closed_invalid',
  overdue: 'archived',
  unsatisfied: 'archived',
};

/** The form values of a task of `elementId` for a demand of `kind`. */
export function taskVariables(
  kind: Kind,
  elementId: string,
  handle?: HandleAction,
): Record<string, unknown> {
  switch (elementId) {
    case 'screen-first':
      return kind === 'invalid'
        ? {
            screeningOutcome: 'invalid_false_info',
            category: CATEGORY,
            domain: DOMAIN,
            screeningReasonCode: 'rumour',
            screeningExplanation: '经核实，反映的情况不属实。',
          }
        : { screeningOutcome: 'valid', category: CATEGORY, domain: DOMAIN };
    case 'screen-review':
      return kind === 'unreasonable'
        ? {
            reviewOutcome: 'unreasonable',
            reviewReasonCode: 'no_legal_basis',
            reviewExplanation: '诉求没有政策依据，已向群众解释。',
            scope: 'village',
            category: CATEGORY,
            domain: DOMAIN,
          }
        : { reviewOutcome: 'reasonable', scope: 'village', category: CATEGORY, domain: DOMAIN };
    case 'handle':
      return handle === 'accept'
        ? { handleAction: 'accept', handleNote: '已签收' }
        : { handleAction: 'resolve', result: '已现场清运并说明情况。', handleNote: '办结' };
    case 'signoff-citizen':
    case 'signoff-handler':
    case 'signoff-supervisor':
    case 'signoff-principal':
      return { signoffApproved: true, signoffStatement: '同意' };
    default:
      throw new Error(`no script for task ${elementId} of a demand of kind ${kind}`);
  }
}

export interface Expected {
  status: string;
  /** Ledger events by type. */
  ledger: Record<string, number>;
  /** Notifications by `template recipient` (demand_assigned: `demand_assigned lead MODE unit`). */
  outbox: Record<string, number>;
  /** Supervision orders by `level kind`. */
  supervision: Record<string, number>;
  /** Sign-offs by `party round`. */
  signOffs: Record<string, number>;
  returnVisits: number;
  archiveEntries: number;
}

const citizen = (code: string) => `citizen:${code}`;
const village = `unit:${VILLAGE.code}`;
const township = `unit:${TOWNSHIP.code}`;
const SIGNED: Record<string, number> = {
  'citizen 1': 1,
  'handler 1': 1,
  'supervising_leader 1': 1,
  'principal_leader 1': 1,
};

export function expectedFor(kind: Kind, code: string): Expected {
  const none = { supervision: {}, signOffs: {}, returnVisits: 0, archiveEntries: 0 };
  if (kind === 'invalid' || kind === 'unreasonable') {
    return {
      ...none,
      status: 'closed_invalid',
      ledger: { received: 1, closed: 1 },
      outbox: {
        [`demand_received ${citizen(code)}`]: 1,
        [`demand_closed_explained ${citizen(code)}`]: 1,
      },
    };
  }
  const archived = {
    status: 'archived',
    signOffs: SIGNED,
    archiveEntries: 1,
  };
  if (kind === 'unsatisfied') {
    return {
      ...archived,
      // Closed at every (tier, unit) its ledger has: district, village, township.
      ledger: {
        received: 1,
        assigned: 1,
        accepted: 1,
        resolved: 3,
        unsatisfied: 2,
        supervised: 1,
        escalated: 1,
        verified: 1,
        closed: 3,
      },
      outbox: {
        [`demand_received ${citizen(code)}`]: 1,
        [`demand_assigned lead dispatch ${village}`]: 1,
        [`verification_request ${citizen(code)}`]: 3,
        [`supervision_order ${village}`]: 1,
        [`demand_escalated ${village}`]: 1,
        [`demand_assigned lead escalate ${township}`]: 1,
        [`demand_archived ${citizen(code)}`]: 1,
      },
      supervision: { 'red listed_supervision': 1 },
      returnVisits: 3,
    };
  }
  const overdue = kind === 'overdue';
  return {
    ...archived,
    ledger: {
      received: 1,
      assigned: 1,
      accepted: 1,
      resolved: 1,
      verified: 1,
      closed: 2,
      ...(overdue ? { supervised: 1 } : {}),
    },
    outbox: {
      [`demand_received ${citizen(code)}`]: 1,
      [`demand_assigned lead dispatch ${village}`]: 1,
      [`verification_request ${citizen(code)}`]: 1,
      [`demand_archived ${citizen(code)}`]: 1,
      ...(overdue
        ? {
            [`deadline_warning group:village_staff:${VILLAGE.code}`]: 1,
            [`supervision_order ${village}`]: 1,
          }
        : {}),
    },
    supervision: overdue ? { 'yellow supervision': 1 } : {},
    returnVisits: 1,
  };
}
