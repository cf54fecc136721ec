import { toSimplified } from './traditional-to-simplified';
import { collapseWhitespace, toHalfWidth } from './width-and-spacing';

export interface NormalisedDemandText {
  /** Exactly what the citizen wrote, kept as the record. */
  original: string;
  /** The form used for search, duplicate detection and classification. */
  normalised: string;
}

/**
 * One spelling for the same demand, whatever keyboard or region it came from: Simplified script,
 * ASCII letters and digits, single spaces. The original is never altered, because it is what the
 * citizen said and may be quoted back or audited.
 */
export function normaliseDemandText(original: string): NormalisedDemandText {
  // NFC first so that decomposed or compatibility code points meet the dictionaries in one form.
  const normalised = collapseWhitespace(toSimplified(toHalfWidth(original.normalize('NFC'))));
  return { original, normalised };
}
