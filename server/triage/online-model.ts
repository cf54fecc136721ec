/**
 * Multiclass linear models (softmax regression), one per head, learning online by stochastic
 * gradient descent from each decision people make. Small on purpose: a county sees tens of
 * thousands of demands a year, the model must explain itself with words, and it must be
 * useful before anyone has labelled anything, so each head starts from seeded weights on the
 * lexicon features.
 *
 * Deterministic: features arrive sorted, weights are plain numbers updated in a fixed order,
 * nothing is random. The same examples in the same order give the same state.
 */

/**
 * Bumped when the state's shape or its features' meaning changes; an older state is refused,
 * not misread (`npm run triage:reset` starts again from the lexicons). 2: lexicon terms as
 * their own features, text features scaled to TEXT_LENGTH, the domain feature of the tier head.
 * 3: the emergency head and its `em:` cue features.
 */
export const MODEL_FORMAT_VERSION = 3;

/** Step size of SGD. High enough that a handful of decisions moves a new phrase's weights. */
export const LEARNING_RATE = 0.5;
/** L2 penalty per update on the weights of the features present, so old habits fade slowly. */
export const L2 = 1e-4;
/** The bias moves slower than the weights: one busy month must not make a class the default. */
export const BIAS_RATE = 0.1;
/**
 * Seeded features (one per lexicon class) learn at this fraction of the rate. They fire on many
 * demands at full value, so at the full rate one misleading term ("学校" in a demand about the
 * traffic at a school gate) would pull its whole class down for every later demand; slowed, they
 * keep the lexicon's prior while the words and the single terms (`t:`) learn the corrections.
 */
export const SEEDED_RATE = 0.1;
/**
 * At most this many features per head; features first seen after that are not learned. Keeps a
 * stored version to a few megabytes (20 are kept), while a county's vocabulary fits.
 */
export const MAX_FEATURES_PER_HEAD = 20_000;

export interface HeadSpec {
  classes: readonly string[];
  /** Starting bias per class (a prior: e.g. most demands are valid). */
  bias?: Readonly<Record<string, number>>;
}

/** A starting weight: feature `feature` speaks for `label` of `head`. */
export interface Seed {
  head: string;
  feature: string;
  label: string;
  weight: number;
}

export interface HeadState {
  classes: string[];
  bias: number[];
  weights: Record<string, number[]>;
}

export interface OnlineModelState {
  formatVersion: number;
  examplesSeen: number;
  heads: Record<string, HeadState>;
}

export interface Prediction {
  label: string;
  probability: number;
  /** Class → probability, every class of the head. */
  probabilities: Record<string, number>;
}

export class ModelStateError extends Error {
  override name = 'ModelStateError';
}

interface Head {
  classes: string[];
  bias: number[];
  weights: Map<string, number[]>;
}

function freshHead(spec: HeadSpec): Head {
  const classes = [...spec.classes];
  return { classes, bias: classes.map((c) => spec.bias?.[c] ?? 0), weights: new Map() };
}

/** A stored head, its classes matched by name to the spec (a class added later starts at 0). */
function headFromState(spec: HeadSpec, stored: HeadState | undefined, name: string): Head {
  const head = freshHead(spec);
  if (!stored) return head;
  if (!Array.isArray(stored.classes) || !Array.isArray(stored.bias)) {
    throw new ModelStateError(`model state: head ${name} is malformed`);
  }
  const index = head.classes.map((c) => stored.classes.indexOf(c));
  head.bias = index.map((i, k) => (i >= 0 ? Number(stored.bias[i]) : head.bias[k]!));
  for (const feature of Object.keys(stored.weights ?? {}).sort()) {
    const row = stored.weights[feature]!;
    head.weights.set(
      feature,
      index.map((i) => (i >= 0 ? Number(row[i] ?? 0) : 0)),
    );
  }
  return head;
}

function softmax(logits: number[]): number[] {
  const max = Math.max(...logits);
  const exps = logits.map((z) => Math.exp(z - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

export function createOnlineModel(
  specs: Readonly<Record<string, HeadSpec>>,
  seeds: readonly Seed[],
  state?: OnlineModelState,
) {
  if (state && state.formatVersion !== MODEL_FORMAT_VERSION) {
    throw new ModelStateError(
      `model state has format ${String(state.formatVersion)}, this server reads ${MODEL_FORMAT_VERSION}`,
    );
  }
  const heads = new Map<string, Head>();
  for (const name of Object.keys(specs).sort()) {
    heads.set(name, headFromState(specs[name]!, state?.heads[name], name));
  }
  if (!state) {
    for (const seed of seeds) {
      const head = heads.get(seed.head);
      const k = head?.classes.indexOf(seed.label) ?? -1;
      if (!head || k < 0) continue;
      const row = head.weights.get(seed.feature) ?? head.classes.map(() => 0);
      row[k] = row[k]! + seed.weight;
      head.weights.set(seed.feature, row);
    }
  }
  const seeded = new Set(seeds.map((seed) => seed.feature));
  let examplesSeen = state?.examplesSeen ?? 0;

  const headNamed = (name: string): Head => {
    const head = heads.get(name);
    if (!head) throw new ModelStateError(`no head ${name}`);
    return head;
  };

  const probabilitiesOf = (head: Head, features: ReadonlyMap<string, number>): number[] => {
    const logits = [...head.bias];
    for (const [feature, value] of features) {
      const row = head.weights.get(feature);
      if (row) for (let k = 0; k < logits.length; k += 1) logits[k]! += row[k]! * value;
    }
    return softmax(logits);
  };

  return {
    get examplesSeen() {
      return examplesSeen;
    },

    predict(headName: string, features: ReadonlyMap<string, number>): Prediction {
      const head = headNamed(headName);
      const p = probabilitiesOf(head, features);
      let best = 0;
      for (let k = 1; k < p.length; k += 1) if (p[k]! > p[best]!) best = k;
      const probabilities = Object.fromEntries(head.classes.map((c, k) => [c, p[k]!]));
      return { label: head.classes[best]!, probability: p[best]!, probabilities };
    },

    /** The features that pushed `label` up most for this input: name and contribution. */
    topFeatures(
      headName: string,
      features: ReadonlyMap<string, number>,
      label: string,
      count = 3,
    ): Array<{ feature: string; contribution: number }> {
      const head = headNamed(headName);
      const k = head.classes.indexOf(label);
      if (k < 0) return [];
      return [...features]
        .map(([feature, value]) => ({
          feature,
          contribution: (head.weights.get(feature)?.[k] ?? 0) * value,
        }))
        .filter((f) => f.contribution > 0)
        .sort((a, b) => b.contribution - a.contribution || (a.feature < b.feature ? -1 : 1))
        .slice(0, count);
    },

    /**
     * One SGD step of every head that has a label; unknown labels are skipped. A head named in
     * `featuresOf` learns from those features instead (as it predicts from them).
     */
    learn(
      shared: ReadonlyMap<string, number>,
      labels: Readonly<Record<string, string>>,
      featuresOf: Readonly<Record<string, ReadonlyMap<string, number>>> = {},
    ): void {
      let learned = false;
      for (const [name, head] of heads) {
        const y = labels[name] === undefined ? -1 : head.classes.indexOf(labels[name]!);
        if (y < 0) continue;
        learned = true;
        const features = featuresOf[name] ?? shared;
        const p = probabilitiesOf(head, features);
        const error = p.map((pk, k) => pk - (k === y ? 1 : 0));
        for (let k = 0; k < error.length; k += 1) {
          head.bias[k] = head.bias[k]! - LEARNING_RATE * BIAS_RATE * error[k]!;
        }
        for (const [feature, value] of features) {
          let row = head.weights.get(feature);
          if (!row) {
            if (head.weights.size >= MAX_FEATURES_PER_HEAD) continue;
            row = head.classes.map(() => 0);
            head.weights.set(feature, row);
          }
          const rate = seeded.has(feature) ? LEARNING_RATE * SEEDED_RATE : LEARNING_RATE;
          for (let k = 0; k < row.length; k += 1) {
            row[k] = row[k]! - rate * (error[k]! * value + L2 * row[k]!);
          }
        }
      }
      if (learned) examplesSeen += 1;
    },

    exportState(): OnlineModelState {
      const out: Record<string, HeadState> = {};
      for (const [name, head] of heads) {
        const weights: Record<string, number[]> = {};
        for (const feature of [...head.weights.keys()].sort()) {
          weights[feature] = [...head.weights.get(feature)!];
        }
        out[name] = { classes: [...head.classes], bias: [...head.bias], weights };
      }
      return { formatVersion: MODEL_FORMAT_VERSION, examplesSeen, heads: out };
    },
  };
}

export type OnlineModel = ReturnType<typeof createOnlineModel>;
