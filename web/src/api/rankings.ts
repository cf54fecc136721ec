import { queryString, request } from './http';
import type { UnitRef } from './types';

export type PeriodKind = 'month' | 'week';
export type RankingList = 'red' | 'black' | 'none';
export type LadderStep = 'reminder' | 'talk' | 'formal_review';

export interface RankingRates {
  response: number | null;
  resolution: number | null;
  satisfaction: number | null;
  onTime: number | null;
}

export interface UnitWarning {
  level: 'yellow' | 'red';
  reason: string;
  issuedAt: string;
  reasonCode: string | null;
  finding: {
    signal: string;
    period: string;
    evidence: { demandCodes?: string[]; count?: number; of?: number } | null;
  } | null;
}

/** One ranked unit (server/README.md "Rankings"); ladder and warnings null for peers. */
export interface RankedUnit {
  unit: UnitRef;
  rates: RankingRates;
  counts: Record<string, number>;
  score: number;
  rank: number;
  list: RankingList;
  ladder: { count: number; step: LadderStep | null; period: string | null } | null;
  warnings: UnitWarning[] | null;
}

/** A comparable group (分档分类) of one district, in rank order. */
export interface RankingGroup {
  group: string;
  district: UnitRef | null;
  units: RankedUnit[];
}

export interface Rankings {
  period: string;
  kind: PeriodKind;
  groups: RankingGroup[];
}

/** `GET /api/rankings?period=&kind=`: without a period, the one of that kind that ended last. */
export function getRankings(query: { period?: string; kind?: PeriodKind }): Promise<Rankings> {
  return request<Rankings>('GET', `/rankings${queryString({ ...query })}`);
}

/** A period the ranking process ranked, with when it was computed. */
export interface RankedPeriod {
  period: string;
  kind: PeriodKind;
  computedAt: string;
}

/** `GET /api/rankings/periods?kind=`: the periods that have a ranking, newest first. */
export async function getRankedPeriods(kind: PeriodKind): Promise<RankedPeriod[]> {
  const answer = await request<{ items: RankedPeriod[] }>(
    'GET',
    `/rankings/periods${queryString({ kind })}`,
  );
  return answer.items;
}

export interface RaisedWarning {
  id: string | number;
  unit: UnitRef;
  level: 'red';
  reason: string;
  issuedAt: string;
}

/** `POST /api/rankings/warnings`: a red warning (红灯) raised by hand. */
export function raiseRedWarning(unitCode: string, reason: string): Promise<RaisedWarning> {
  return request<RaisedWarning>('POST', '/rankings/warnings', { unitCode, reason });
}

/** The roles the server lets raise a red warning (server/rankings RED_WARNING_ROLES). */
export const RED_WARNING_ROLES = ['discipline_inspector', 'supervisor', 'principal_leader'];
