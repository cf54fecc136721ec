import type { Knex } from 'knex';

/** The process that handles a demand (processes/README.md). */
export const DEMAND_PROCESS_ID = 'demand-handling';

/** The start variables of `demand-handling` (processes/README.md "Start"): codes, no personal data. */
export interface DemandStartVariables {
  demandCode: string;
  channel: string;
  districtCode: string;
  townshipCode: string | null;
  villageCode: string | null;
  isPetition: boolean;
  divertedTo: string | null;
  suggestion: {
    category: string | null;
    domain: string | null;
    outcome: string | null;
    tier: string | null;
    leadUnitCode: string | null;
    coUnitCodes: string[];
    duplicateOf: string | null;
    confidence: number;
  };
}

interface DemandRow {
  code: string;
  channel: string;
  district_code: string;
  township_code: string | null;
  village_code: string | null;
  is_petition: boolean;
  diverted_to: string | null;
  suggestion: Record<string, unknown> | null;
  process_instance_key: string | null;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** The demand's start variables and its current process instance key (null when none yet). */
export async function loadStartVariables(
  knex: Knex,
  demandId: string,
): Promise<{ variables: DemandStartVariables; processInstanceKey: string | null } | undefined> {
  const row = await knex('demands')
    .where({ id: demandId })
    .first<DemandRow | undefined>(
      'code',
      'channel',
      'district_code',
      'township_code',
      'village_code',
      'is_petition',
      'diverted_to',
      'suggestion',
      'process_instance_key',
    );
  if (!row) return undefined;
  const suggestion = row.suggestion ?? {};
  return {
    processInstanceKey: row.process_instance_key === null ? null : String(row.process_instance_key),
    variables: {
      demandCode: row.code,
      channel: row.channel,
      districtCode: row.district_code,
      townshipCode: row.township_code,
      villageCode: row.village_code,
      isPetition: row.is_petition,
      divertedTo: row.diverted_to,
      suggestion: {
        category: text(suggestion.category),
        domain: text(suggestion.domain),
        outcome: text(suggestion.outcome),
        tier: text(suggestion.tier),
        leadUnitCode: text(suggestion.leadUnitCode),
        coUnitCodes: Array.isArray(suggestion.coUnitCodes)
          ? suggestion.coUnitCodes.filter((c): c is string => typeof c === 'string')
          : [],
        duplicateOf: text(suggestion.duplicateOf),
        confidence: typeof suggestion.confidence === 'number' ? suggestion.confidence : 0,
      },
    },
  };
}
