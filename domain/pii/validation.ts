/** The outcome of checking citizen input: the normalised value, or why it was refused. */
export type Validation<Reason extends string> =
  { ok: true; value: string } | { ok: false; reason: Reason };
