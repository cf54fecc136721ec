/**
 * The Camunda Modeler's deployment checks for Camunda 8.8 (bpmnlint with
 * `plugin:camunda-compat/camunda-cloud-8-8`), for the models under `processes/`.
 * `npm run processes:lint` prints every problem and fails on errors.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { BpmnModdle } from 'bpmn-moddle';
import { Linter, type Resolver } from 'bpmnlint';
import zeebeSchema from 'zeebe-bpmn-moddle/resources/zeebe.json';
import { modelResources, PROCESSES_DIR } from '../index';

const PLUGIN = 'bpmnlint-plugin-camunda-compat';
const CONFIG = { extends: `plugin:camunda-compat/camunda-cloud-8-8` };

export interface LintProblem {
  elementId: string;
  rule: string;
  message: string;
  category: string;
}

/* eslint-disable @typescript-eslint/no-require-imports -- rule modules are chosen at run time */
/** Rules load through this module's `require`, which Jest's module registry also serves. */
const resolver: Resolver = {
  resolveRule(pkg: string, ruleName: string): unknown {
    if (pkg === 'bpmnlint') return require(`bpmnlint/rules/${ruleName}`);
    const rulePath = plugin().rules[ruleName];
    if (pkg !== PLUGIN || !rulePath) throw new Error(`cannot resolve rule ${pkg}/${ruleName}`);
    return require(`${PLUGIN}/${rulePath.replace(/^\.\//, '')}`);
  },
  resolveConfig(pkg: string, configName: string): unknown {
    if (pkg !== PLUGIN) throw new Error(`cannot resolve config ${pkg}/${configName}`);
    return plugin().configs[configName];
  },
};

function plugin(): { configs: Record<string, unknown>; rules: Record<string, string> } {
  return require(PLUGIN);
}
/* eslint-enable @typescript-eslint/no-require-imports */

/** Every report of the Camunda 8.8 rules for one BPMN file (errors and warnings). */
export async function lintBpmn(xml: string): Promise<LintProblem[]> {
  const moddle = new BpmnModdle({ zeebe: zeebeSchema });
  const { rootElement, warnings } = await moddle.fromXML(xml);
  const problems: LintProblem[] = warnings.map((warning) => ({
    elementId: String(warning.element?.id ?? ''),
    rule: 'xml',
    message: warning.message,
    category: 'error',
  }));
  const results = await new Linter({ resolver, config: CONFIG }).lint(rootElement);
  for (const [rule, reports] of Object.entries(results)) {
    for (const report of reports) {
      problems.push({
        elementId: report.id ?? '',
        rule,
        message: report.message,
        category: report.category,
      });
    }
  }
  return problems;
}

async function main(): Promise<void> {
  let errors = 0;
  for (const { name } of modelResources().filter((r) => r.name.endsWith('.bpmn'))) {
    const problems = await lintBpmn(await readFile(path.join(PROCESSES_DIR, name), 'utf8'));
    for (const p of problems) {
      console.log(`${name}: ${p.category} ${p.elementId} ${p.message} (${p.rule})`);
      if (p.category === 'error' || p.category === 'rule-error') errors += 1;
    }
    if (problems.length === 0) console.log(`${name}: no problems`);
  }
  if (errors > 0) process.exitCode = 1;
}

if (require.main === module) void main();
