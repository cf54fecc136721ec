import type { OrgTreeError } from '../../domain/org';

/** A file that failed validation; nothing was written. `errors` locate each bad node. */
export class OrgImportError extends Error {
  override name = 'OrgImportError';

  constructor(readonly errors: readonly OrgTreeError[]) {
    super(
      `the org tree file has ${errors.length} error${errors.length === 1 ? '' : 's'}; ` +
        `nothing was imported:\n${formatOrgTreeErrors(errors)}`,
    );
  }
}

/** One line per error, `  $.children[0].code: message`, as the CLI prints them. */
export function formatOrgTreeErrors(errors: readonly OrgTreeError[]): string {
  return errors.map(({ path, message }) => `  ${path}: ${message}`).join('\n');
}
