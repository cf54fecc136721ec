import { Linter, type LintReport } from '@camunda/linting';

export type { LintReport } from '@camunda/linting';

/** The rules of the engine the models run on: Camunda 8.8, as the web modeler checks them. */
export const EXECUTION_PLATFORM = 'Camunda Cloud';
export const EXECUTION_PLATFORM_VERSION = '8.8';

const linter = new Linter({ modeler: 'web', type: 'cloud' });

/** Errors first, then warnings; each report names its element. */
export async function lintDefinitions(definitions: object): Promise<LintReport[]> {
  const reports = await linter.lint(definitions);
  const order = { error: 0, 'rule-error': 1, warn: 2, info: 3 } as const;
  return reports.sort((a, b) => order[a.category] - order[b.category]);
}
