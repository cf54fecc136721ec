import { request } from './http';
import type { HistoryEntry } from './types';

/** One process instance of the demand, or one its instances called (the sign-off). */
export interface ReplayInstance {
  key: string;
  processDefinitionKey: string;
  processDefinitionId: string | null;
  version: number | null;
  /** The calling instance; null for the demand's own process. */
  parentProcessInstanceKey: string | null;
}

/** A deployed process: the BPMN the viewer draws (null when the engine no longer has it). */
export interface ReplayDefinition {
  processDefinitionKey: string;
  processDefinitionId: string | null;
  version: number | null;
  xml: string | null;
}

/** One event on a diagram, in the order things happened (server/README.md "Replay"). */
export interface ReplayStep {
  at: string | null;
  event: string;
  processInstanceKey: string;
  processDefinitionKey: string;
  elementId: string;
  elementType: string | null;
  elementInstanceKey: string | null;
  position?: string;
  assignee?: string | null;
  userTaskKey?: string;
  /** Names of the variables changed just before this step (never their values). */
  variables?: string[];
}

export interface ReplayAuditRow {
  at: string;
  actor: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  outcome: string | null;
}

export interface Replay {
  code: string;
  source: 'engine-records' | 'element-instances';
  processInstances: ReplayInstance[];
  definitions: ReplayDefinition[];
  steps: ReplayStep[];
  chain: { verified: boolean } | null;
  history: HistoryEntry[];
  audit: ReplayAuditRow[];
}

export interface ArchiveVerification {
  valid: boolean;
  /** Entries read: all of them when valid, up to the broken one otherwise. */
  entries: number;
  firstBroken: { sequence: number; demandCode?: string; problem: string } | null;
}

/** `GET /api/demands/{code}/replay`: scoped like the demand (404 outside the scope). */
export function getReplay(code: string): Promise<Replay> {
  return request<Replay>('GET', `/demands/${encodeURIComponent(code)}/replay`);
}

/** `POST /api/archive/verify`: walks the archive's hash chain; changes nothing. */
export function verifyArchive(): Promise<ArchiveVerification> {
  return request<ArchiveVerification>('POST', '/archive/verify');
}
