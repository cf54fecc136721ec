import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The words the duplicate check reads (see `duplicate-lexicon.json`, whose `about` explains them). */
export interface DuplicateLexicon {
  /** [said, plain]: one kind of trouble in other words. */
  sameTrouble: ReadonlyArray<readonly [string, string]>;
  /** Further plain kinds of trouble. */
  troubles: readonly string[];
  /** [said, plain]: one thing written several ways, replaced in order. */
  sameThing: ReadonlyArray<readonly [string, string]>;
  /** What says how a demand came in, left out of every comparison. */
  channelPhrases: readonly string[];
}

export const DEFAULT_DUPLICATE_LEXICON_FILE = path.join(__dirname, 'duplicate-lexicon.json');

export class DuplicateLexiconError extends Error {
  override name = 'DuplicateLexiconError';
}

/** Checks a lexicon object list by list; a broken lexicon stops the server at start. */
export function checkDuplicateLexicon(
  data: unknown,
  source = 'duplicate lexicon',
): DuplicateLexicon {
  const fail = (what: string) => new DuplicateLexiconError(`${source}: ${what}`);
  const lexicon = (typeof data === 'object' && data !== null ? data : {}) as Record<
    string,
    unknown
  >;
  const words = (field: string): string[] => {
    const list = lexicon[field];
    if (!Array.isArray(list) || !list.every((word) => typeof word === 'string' && word !== '')) {
      throw fail(`${field} must be a list of words`);
    }
    return list as string[];
  };
  const pairs = (field: string): Array<[string, string]> => {
    const list = lexicon[field];
    const isPair = (pair: unknown) =>
      Array.isArray(pair) &&
      pair.length === 2 &&
      pair.every((word) => typeof word === 'string' && word !== '') &&
      pair[0] !== pair[1];
    if (!Array.isArray(list) || !list.every(isPair)) {
      throw fail(`${field} must be a list of [said, plain] pairs of two different words`);
    }
    return list as Array<[string, string]>;
  };
  return {
    sameTrouble: pairs('sameTrouble'),
    troubles: words('troubles'),
    sameThing: pairs('sameThing'),
    channelPhrases: words('channelPhrases'),
  };
}

/** Reads and checks a lexicon file. */
export function loadDuplicateLexicon(file = DEFAULT_DUPLICATE_LEXICON_FILE): DuplicateLexicon {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new DuplicateLexiconError(
      `cannot read the duplicate lexicon ${file}: ${(error as Error).message}`,
    );
  }
  return checkDuplicateLexicon(data, `duplicate lexicon ${file}`);
}

let shipped: DuplicateLexicon | undefined;

/** The lexicon shipped beside this module, read once. */
export const duplicateLexicon = (): DuplicateLexicon => (shipped ??= loadDuplicateLexicon());
