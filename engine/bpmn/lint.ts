/**
 * The Camunda Modeler's deployment checks: bpmnlint with `camunda-compat/camunda-cloud-8-8`,
 * which encodes what Zeebe 8.8 accepts (required zeebe extensions, FEEL syntax, references).
 */
import { Linter, type Resolver } from 'bpmnlint';
import { idOf, type BpmnProblem, type ModdleElement } from './moddle';

const PLUGIN = 'bpmnlint-plugin-camunda-compat';
const CONFIG = { extends: 'plugin:camunda-compat/camunda-cloud-8-8' };

interface Plugin {
  configs: Record<string, unknown>;
  rules: Record<string, string>;
}

/**
 * Loads rules with this module's own `require`, not bpmnlint's NodeResolver: that one builds a
 * native require, which under Jest bypasses its module registry and the ESM transform.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- rule modules are chosen at run time */
const resolver: Resolver = {
  resolveRule(pkg: string, ruleName: string): unknown {
    if (pkg === 'bpmnlint') return require(`bpmnlint/rules/${ruleName}`);
    if (pkg !== PLUGIN) throw new Error(`cannot resolve rule <${ruleName}> from <${pkg}>`);
    const path = plugin().rules[ruleName];
    if (!path) throw new Error(`unknown rule <${ruleName}> in <${pkg}>`);
    // The plugin lists its rules as paths relative to its own folder ('./rules/…').
    return require(`${PLUGIN}/${path.replace(/^\.\//, '')}`);
  },
  resolveConfig(pkg: string, configName: string): unknown {
    if (pkg !== PLUGIN) throw new Error(`cannot resolve config <${configName}> from <${pkg}>`);
    return plugin().configs[configName];
  },
};

function plugin(): Plugin {
  return require(PLUGIN) as Plugin;
}
/* eslint-enable @typescript-eslint/no-require-imports */

let linter: Linter | undefined;

/** Errors only: warnings (e.g. job-based user tasks) do not stop a Zeebe deployment either. */
export async function lint(definitions: ModdleElement): Promise<BpmnProblem[]> {
  linter ??= new Linter({ resolver, config: CONFIG });
  const results = await linter.lint(definitions);
  const problems: BpmnProblem[] = [];
  for (const reports of Object.values(results)) {
    for (const report of reports) {
      // 'rule-error' is a rule that crashed: reject rather than deploy what went unchecked.
      if (report.category !== 'error' && report.category !== 'rule-error') continue;
      const elementId = report.id ?? idOf(definitions);
      problems.push({ elementId, message: `Element '${elementId}': ${report.message}` });
    }
  }
  return problems;
}
