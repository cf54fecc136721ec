import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EMERGENCY_NUMBERS, isOneOf, type EmergencyNumber } from '../../domain/demand';

/** The lexicon file's shape (see `emergency-lexicon.json`, whose `about` explains the rule). */
export interface EmergencyLexicon {
  sentenceBreaks: string;
  nowMarkers: string[];
  pastMarkers: string[];
  lookAlikeMarkers: string[];
  /** Calls for help ("快来", "救命") that make any sentence of the demand count as "now". */
  helpCalls: string[];
  emergencies: Array<{
    kind: string;
    number: EmergencyNumber;
    label: string;
    urgentPhrases: string[];
    terms: string[];
    /** Two words that together describe the emergency, e.g. a child and "不见了". */
    pairs: EmergencyPair[];
    lookAlikes: string[];
  }>;
  /**
   * Requests to send an ambulance, the police or the fire brigade now ("叫救护车", "快报警"),
   * which suffice alone in a sentence without a past or look-alike marker (confidence 0.7).
   */
  dispatchRequests: DispatchRequest[];
  /** The learned safety net behind the rules (emergency-net.ts). */
  learnedNet: {
    /** The learned probability of an emergency at or above which a demand is diverted. */
    threshold: number;
    /** Where the net diverts a demand that names no kind and no service. */
    fallbackNumber: EmergencyNumber;
  };
  /** What the channel tells the citizen, per emergency number (zh-CN). */
  messages: Record<EmergencyNumber, string>;
}

/** A sentence holding one phrase of `any` and one of `with`. */
export interface EmergencyPair {
  any: string[];
  with: string[];
}

/** Phrases asking for one emergency service to come now. */
export interface DispatchRequest {
  number: EmergencyNumber;
  label: string;
  phrases: string[];
}

/** An emergency found in a demand's text. */
export interface EmergencyFinding {
  number: EmergencyNumber;
  kind: string;
  label: string;
  /**
   * 0.9 for an urgent phrase, 0.8 for a pair, 0.75 for a term with a marker of "now", 0.7 for
   * a request to dispatch an emergency service.
   */
  confidence: number;
  /** The phrase that decided it, for the suggestion's reasons. */
  evidence: string;
  message: string;
}

/** Below any kind's finding: a kind named anywhere in the demand decides the number. */
const DISPATCH_CONFIDENCE = 0.7;

export const DEFAULT_LEXICON_FILE = path.join(__dirname, 'emergency-lexicon.json');

export class LexiconError extends Error {
  override name = 'LexiconError';
}

const isStringList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string' && item !== '');

/** Reads and checks a lexicon file; a broken file stops the server at start, naming the part. */
export function loadEmergencyLexicon(file: string = DEFAULT_LEXICON_FILE): EmergencyLexicon {
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new LexiconError(
      `cannot read the emergency lexicon ${file}: ${(error as Error).message}`,
    );
  }
  const fail = (what: string) => new LexiconError(`emergency lexicon ${file}: ${what}`);
  if (typeof data.sentenceBreaks !== 'string') throw fail('sentenceBreaks must be a string');
  for (const list of ['nowMarkers', 'pastMarkers', 'lookAlikeMarkers', 'helpCalls']) {
    if (!isStringList(data[list])) throw fail(`${list} must be a list of phrases`);
  }
  if (!Array.isArray(data.emergencies)) throw fail('emergencies must be a list');
  data.emergencies.forEach((entry: Record<string, unknown>, index: number) => {
    if (typeof entry.kind !== 'string' || typeof entry.label !== 'string') {
      throw fail(`emergencies[${index}] needs a kind and a label`);
    }
    if (!isOneOf(EMERGENCY_NUMBERS, entry.number)) {
      throw fail(`emergencies[${index}].number must be one of ${EMERGENCY_NUMBERS.join(', ')}`);
    }
    for (const list of ['urgentPhrases', 'terms', 'lookAlikes']) {
      if (!isStringList(entry[list])) throw fail(`emergencies[${index}].${list} must be a list`);
    }
    if (!Array.isArray(entry.pairs)) throw fail(`emergencies[${index}].pairs must be a list`);
    entry.pairs.forEach((pair: Record<string, unknown>, at: number) => {
      if (
        !isStringList(pair?.any) ||
        !isStringList(pair.with) ||
        !pair.any.length ||
        !pair.with.length
      ) {
        throw fail(`emergencies[${index}].pairs[${at}] needs non-empty lists any and with`);
      }
    });
  });
  if (!Array.isArray(data.dispatchRequests)) throw fail('dispatchRequests must be a list');
  data.dispatchRequests.forEach((entry: Record<string, unknown>, index: number) => {
    if (!isOneOf(EMERGENCY_NUMBERS, entry?.number) || typeof entry.label !== 'string') {
      throw fail(`dispatchRequests[${index}] needs a number and a label`);
    }
    if (!isStringList(entry.phrases))
      throw fail(`dispatchRequests[${index}].phrases must be a list`);
  });
  const net = data.learnedNet as Record<string, unknown> | undefined;
  if (typeof net?.threshold !== 'number' || !(net.threshold > 0.5 && net.threshold <= 1)) {
    throw fail('learnedNet.threshold must be a probability above 0.5');
  }
  if (!isOneOf(EMERGENCY_NUMBERS, net.fallbackNumber)) {
    throw fail(`learnedNet.fallbackNumber must be one of ${EMERGENCY_NUMBERS.join(', ')}`);
  }
  const messages = data.messages as Record<string, unknown> | undefined;
  for (const number of EMERGENCY_NUMBERS) {
    if (typeof messages?.[number] !== 'string') throw fail(`messages.${number} is missing`);
  }
  return data as unknown as EmergencyLexicon;
}

/**
 * A check of "an emergency happening now" on normalised text, sentence by sentence, so a
 * past fire or a blocked fire exit in one sentence does not cancel a fire reported in another.
 * Returns the most certain finding, or undefined.
 */
export function createEmergencyCheck(lexicon: EmergencyLexicon) {
  const breaks = new RegExp(
    `[${lexicon.sentenceBreaks.replace(/[\]\\^-]/g, '\\$&').replace(/\n/g, '\\n')}]+`,
  );
  const hasAny = (sentence: string, phrases: readonly string[]) =>
    phrases.find((phrase) => sentence.includes(phrase));

  const pairIn = (sentence: string, pairs: readonly EmergencyPair[]) => {
    for (const pair of pairs) {
      const first = hasAny(sentence, pair.any);
      const second = first ? hasAny(sentence, pair.with) : undefined;
      if (first && second) return `${first}…${second}`;
    }
    return undefined;
  };

  return (normalisedText: string): EmergencyFinding | undefined => {
    // A call for help anywhere ("快来人！") makes every sentence of the demand "now".
    const helpCall = hasAny(normalisedText, lexicon.helpCalls);
    let best: EmergencyFinding | undefined;
    for (const sentence of normalisedText.split(breaks)) {
      if (sentence.trim() === '') continue;
      if (hasAny(sentence, lexicon.pastMarkers) || hasAny(sentence, lexicon.lookAlikeMarkers)) {
        continue;
      }
      const now = hasAny(sentence, lexicon.nowMarkers) ?? helpCall;
      for (const emergency of lexicon.emergencies) {
        if (hasAny(sentence, emergency.lookAlikes)) continue;
        const urgent = hasAny(sentence, emergency.urgentPhrases);
        const pair = urgent ? undefined : pairIn(sentence, emergency.pairs);
        const term = now ? hasAny(sentence, emergency.terms) : undefined;
        const confidence = urgent ? 0.9 : pair ? 0.8 : term ? 0.75 : 0;
        if (confidence > (best?.confidence ?? 0)) {
          best = {
            number: emergency.number,
            kind: emergency.kind,
            label: emergency.label,
            confidence,
            evidence: urgent ?? pair ?? `${now}…${term}`,
            message: lexicon.messages[emergency.number],
          };
        }
      }
      // Asking for the ambulance or the police is itself the citizen's reading of "now".
      if ((best?.confidence ?? 0) >= DISPATCH_CONFIDENCE) continue;
      for (const request of lexicon.dispatchRequests) {
        const phrase = hasAny(sentence, request.phrases);
        if (!phrase) continue;
        best = {
          number: request.number,
          kind: 'dispatch_request',
          label: request.label,
          confidence: DISPATCH_CONFIDENCE,
          evidence: phrase,
          message: lexicon.messages[request.number],
        };
        break;
      }
    }
    return best;
  };
}

export type EmergencyCheck = ReturnType<typeof createEmergencyCheck>;
