import type {
  Category,
  Domain,
  EmergencyNumber,
  ScreeningOutcome,
  Tier,
} from '../../domain/demand';
import type { OnlineModelState } from './online-model';

/** The shared interfaces of the triage suggester (TRIAGE-SPEC). */
export interface TriagePlace {
  districtCode: string;
  townshipCode: string | null;
  villageCode: string | null;
  gridCode: string | null;
}

export interface TriageInput extends TriagePlace {
  /** Normalised (domain/text normaliseDemandText). */
  text: string;
  channel: string;
  isPetition?: boolean;
}

export interface ContentSuggestion {
  category: Category | null;
  domain: Domain | null;
  tier: Tier | null;
  leadUnitCode: string | null;
  coUnitCodes: string[];
  outcome: ScreeningOutcome | null;
  reasonCode: string | null;
  /** zh-CN, for the citizen when the outcome is not valid. */
  explanation: string | null;
  divertedTo: EmergencyNumber | null;
  /** Overall, 0..1. */
  confidence: number;
  confidences: { category: number; domain: number; tier: number; outcome: number };
  /** zh-CN, e.g. 匹配词“路灯”“不亮” → 城市管理 */
  reasons: string[];
  modelVersion: number | null;
}

export interface TriageLabels {
  category?: Category | null;
  domain?: Domain | null;
  tier?: Tier | null;
  outcome?: ScreeningOutcome | null;
  reasonCode?: string | null;
}

export type TriageModelState = OnlineModelState;

export interface TriageModel {
  /** Synchronous, pure CPU. */
  suggest(input: TriageInput): ContentSuggestion;
  /** An online update from a person's decision. */
  learn(input: TriageInput, labels: TriageLabels): void;
  /** JSON-serialisable. */
  exportState(): TriageModelState;
  readonly examplesSeen: number;
  /** The stored version this model was loaded as or last saved as (triage_models.id). */
  version: number | null;
  /** Replaces what the model has learned (a reset made elsewhere), keeping the same object. */
  loadState(state: TriageModelState, version: number | null): void;
}
