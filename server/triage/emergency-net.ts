import type { EmergencyNumber } from '../../domain/demand';
import type { EmergencyLexicon } from './emergency-check';

/**
 * The learned safety net behind the rule-based emergency check: the model's `emergency` head
 * learns from every screened demand whether people diverted it as an emergency, and reads,
 * beside the text's words, the emergency lexicon's cues without the rule's "now" condition
 * (`em:kind:<kind>`, `em:now`, `em:help`, `em:dispatch`). So a new wording of an emergency that
 * screeners have diverted before is diverted too, even where no rule matches it yet.
 */

/** The feature prefix of the emergency cues, kept apart from the other heads' features. */
export const EMERGENCY_FEATURE = 'em:';

export interface EmergencyNetCues {
  /** Feature name → value, sorted by name. */
  features: Map<string, number>;
  /** The number of the first kind (in lexicon order) or dispatch request named, if any. */
  number: EmergencyNumber | null;
  /** A past or look-alike marker anywhere: the net never diverts such a demand. */
  guarded: boolean;
}

const has = (text: string, phrases: readonly string[]) => phrases.some((p) => text.includes(p));

/** The lexicon's cues found anywhere in a normalised text, "now" or not. */
export function emergencyNetCues(text: string, lexicon: EmergencyLexicon): EmergencyNetCues {
  const features = new Map<string, number>();
  let number: EmergencyNumber | null = null;
  for (const emergency of lexicon.emergencies) {
    const named =
      has(text, emergency.urgentPhrases) ||
      has(text, emergency.terms) ||
      emergency.pairs.some((pair) => has(text, pair.any) && has(text, pair.with));
    if (!named || has(text, emergency.lookAlikes)) continue;
    features.set(`${EMERGENCY_FEATURE}kind:${emergency.kind}`, 1);
    number ??= emergency.number;
  }
  for (const request of lexicon.dispatchRequests) {
    if (!has(text, request.phrases)) continue;
    features.set(`${EMERGENCY_FEATURE}dispatch`, 1);
    number ??= request.number;
  }
  if (has(text, lexicon.nowMarkers)) features.set(`${EMERGENCY_FEATURE}now`, 1);
  if (has(text, lexicon.helpCalls)) features.set(`${EMERGENCY_FEATURE}help`, 1);
  const guarded = has(text, lexicon.pastMarkers) || has(text, lexicon.lookAlikeMarkers);
  return { features: new Map([...features].sort(([a], [b]) => (a < b ? -1 : 1))), number, guarded };
}

/** The features the emergency head reads: the text's own and the cues. */
export function withEmergencyCues(
  values: ReadonlyMap<string, number>,
  cues: EmergencyNetCues,
): Map<string, number> {
  return new Map([...values, ...cues.features]);
}
