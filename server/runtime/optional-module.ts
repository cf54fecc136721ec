import fs from 'node:fs';

/**
 * Loads the folder module at `dir` (its `index.ts` or `index.js`) when it exists, or returns
 * undefined when the folder has no index yet. Errors inside an existing module propagate:
 * only a missing module is optional.
 */
export async function loadOptionalModule(
  dir: string,
): Promise<Record<string, unknown> | undefined> {
  const entry = ['index.ts', 'index.js'].map((file) => `${dir}/${file}`).find(fs.existsSync);
  if (!entry) return undefined;
  // A computed specifier: the type checker must not require the module to exist today.
  const specifier: string = entry;
  return (await import(specifier)) as Record<string, unknown>;
}
