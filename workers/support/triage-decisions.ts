import type { Knex } from 'knex';
import type { DemandRow } from './demand-store';

/** The stages at which a person decides what triage suggested. */
export type TriageStage = 'first' | 'review';

/** The decided values, by the suggestion's field names; an absent field was not decided. */
export type TriageDecision = Partial<
  Record<'outcome' | 'reasonCode' | 'category' | 'domain' | 'tier', string | null>
>;

const SUGGESTED_FIELD: Record<keyof TriageDecision, string> = {
  outcome: 'outcome',
  reasonCode: 'reasonCode',
  category: 'category',
  domain: 'domain',
  tier: 'tier',
};

/**
 * Writes what a screener decided beside what triage suggested, one row per field, for the
 * server's learner to learn from (server/triage). Agreements are written too: confirming a
 * suggestion teaches as much as correcting one. Runs inside the job's once-only transaction, so
 * a redelivered job does not teach twice.
 */
export async function recordTriageDecisions(
  trx: Knex.Transaction,
  demand: Pick<DemandRow, 'id'>,
  stage: TriageStage,
  decision: TriageDecision,
  decidedBy: string,
  now: Date,
): Promise<void> {
  const entries = Object.entries(decision).filter(([, value]) => value !== undefined);
  if (entries.length === 0) return;
  const row = await trx('demands')
    .where({ id: demand.id })
    .first<{ suggestion: Record<string, unknown> | null } | undefined>('suggestion');
  const suggestion = row?.suggestion ?? {};
  await trx('triage_decisions').insert(
    entries.map(([field, decided]) => {
      const suggested = suggestion[SUGGESTED_FIELD[field as keyof TriageDecision]];
      return {
        demand_id: demand.id,
        stage,
        field,
        suggested: typeof suggested === 'string' ? suggested : null,
        decided: decided ?? null,
        decided_by: decidedBy,
        decided_at: now,
      };
    }),
  );
}
