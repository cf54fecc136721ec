/** An earlier demand that a new one may repeat (TRIAGE-SPEC.md). */
export interface DuplicateCandidate {
  id: string;
  code: string;
  /** Normalised text. */
  text: string;
  phoneHash: string | null;
  villageCode: string | null;
  gridCode: string | null;
  lat: number | null;
  lng: number | null;
  submittedAt: Date;
  domain: string | null;
  groupId: string | null;
  /** The first demand of the candidate's duplicate group, when it is in one. */
  rootId?: string | null;
  rootCode?: string | null;
}

/** The new demand, before it is stored. */
export interface DuplicateProbe {
  /** Normalised text. */
  text: string;
  phoneHash: string | null;
  villageCode: string | null;
  gridCode: string | null;
  lat: number | null;
  lng: number | null;
  submittedAt: Date;
  /** The suggested domain, if any. */
  domain: string | null;
}

export interface DuplicateFinding {
  /** The demand the new one joins: the root of the matched demand's group. */
  of: { id: string; code: string };
  similarity: number;
  sameCitizen: boolean;
  newFacts: boolean;
  outcome: 'invalid_repeat_no_new_facts' | 'valid';
  /** zh-CN, for staff: 相似度 0.82，同村，12 天前 … */
  reasons: string[];
}
