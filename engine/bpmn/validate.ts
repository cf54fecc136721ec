/**
 * Deploy-time checks, all or nothing for a whole deployment request, worded like Zeebe's
 * rejections: `'order.bpmn': Element 'Task_1': …`.
 */
import { parseDmn } from '../dmn/parse';
import type { ExecutableDrg } from '../dmn/model';
import { checkFeelSyntax } from '../feel/syntax';
import { lint } from './lint';
import type { ExecutableProcess, Expression } from './model';
import { readDefinitions, type BpmnProblem, type ModdleElement } from './moddle';
import { mapProcesses } from './parse';
import { checkSupport } from './support';

export interface DeploymentResource {
  name: string;
  content: Buffer | string;
}

export interface CompiledProcess {
  resourceName: string;
  process: ExecutableProcess;
  xml: string;
}

export interface CompiledForm {
  resourceName: string;
  formId: string;
  content: string;
}

/** A `.dmn` resource: its decision requirements graph, parsed. */
export interface CompiledDrg {
  resourceName: string;
  drg: ExecutableDrg;
  xml: string;
}

export type CompileResult =
  | { ok: true; processes: CompiledProcess[]; forms: CompiledForm[]; drgs: CompiledDrg[] }
  | { ok: false; errors: string[] };

/** Camunda Modeler's lint errors for Zeebe 8.8, then what this engine does not run yet. */
export async function validateDeployment(definitions: ModdleElement): Promise<BpmnProblem[]> {
  return [...(await lint(definitions)), ...checkSupport(definitions)];
}

/** Parses and checks every resource; deploys nothing unless everything is deployable. */
export async function compileResources(resources: DeploymentResource[]): Promise<CompileResult> {
  if (resources.length === 0) {
    return { ok: false, errors: ['Expected to deploy at least one resource, but none given'] };
  }
  const errors: string[] = [];
  const processes: CompiledProcess[] = [];
  const forms: CompiledForm[] = [];
  const drgs: CompiledDrg[] = [];
  for (const resource of resources) {
    // A byte-order mark is legal in XML and JSON files but not to their parsers.
    const content = resource.content.toString().replace(/^\uFEFF/, '');
    const fail = (problems: BpmnProblem[]): void => {
      errors.push(...problems.map((problem) => `'${resource.name}': ${problem.message}`));
    };
    if (/\.(bpmn|xml)$/i.test(resource.name)) {
      const compiled = await compileBpmn(content, resource.name);
      if (compiled.problems.length > 0) fail(compiled.problems);
      for (const process of compiled.processes) {
        processes.push({ resourceName: resource.name, process, xml: content });
      }
    } else if (/\.form$/i.test(resource.name)) {
      const form = readForm(content);
      if (typeof form === 'string') fail([{ message: form }]);
      else forms.push({ resourceName: resource.name, formId: form.formId, content });
    } else if (/\.dmn$/i.test(resource.name)) {
      const drg = await parseDmn(content);
      if ('errors' in drg) fail(drg.errors.map((message) => ({ message })));
      else drgs.push({ resourceName: resource.name, drg, xml: content });
    } else {
      fail([
        { message: 'Expected a resource of type BPMN (.bpmn, .xml), DMN (.dmn) or form (.form)' },
      ]);
    }
  }
  errors.push(...duplicates(processes, forms), ...duplicateDecisions(drgs));
  return errors.length > 0 ? { ok: false, errors } : { ok: true, processes, forms, drgs };
}

async function compileBpmn(
  xml: string,
  resourceName: string,
): Promise<{ processes: ExecutableProcess[]; problems: BpmnProblem[] }> {
  const { definitions, problems } = await readDefinitions(xml);
  if (!definitions || problems.length > 0) return { processes: [], problems };
  const invalid = await validateDeployment(definitions);
  if (invalid.length > 0) return { processes: [], problems: invalid };
  const mapped = mapProcesses(definitions, resourceName);
  const syntax = mapped.processes.flatMap(checkExpressions);
  const all = [...mapped.problems, ...syntax];
  return all.length > 0 ? { processes: [], problems: all } : mapped;
}

/** Every FEEL expression of the process must parse with the evaluator's own parser. */
function checkExpressions(process: ExecutableProcess): BpmnProblem[] {
  const problems: BpmnProblem[] = [];
  const check = (elementId: string, expression: Expression | undefined): void => {
    if (expression?.kind !== 'feel') return;
    const problem = checkFeelSyntax(expression.source);
    if (problem) problems.push({ elementId, message: `Element '${elementId}': ${problem}` });
  };
  for (const element of Object.values(process.elements)) {
    const { id, job, loop } = element;
    check(id, job?.type);
    check(id, job?.retries);
    for (const mapping of [...element.inputMappings, ...element.outputMappings]) {
      check(id, mapping.source);
    }
    check(id, loop?.inputCollection);
    check(id, loop?.outputElement);
    check(id, loop?.completionCondition);
    check(id, element.calledElement?.processId);
    check(id, element.calledDecision?.decisionId);
    check(id, element.script?.expression);
    check(id, element.timer?.expression);
    check(id, element.errorCode);
    check(id, element.adHoc?.activeElementsCollection);
    check(id, element.adHoc?.completionCondition);
    check(id, element.adHoc?.outputElement);
  }
  for (const flow of Object.values(process.sequenceFlows)) check(flow.id, flow.condition);
  return problems;
}

/** A form is deployed under the `id` of its JSON schema. */
function readForm(content: string): { formId: string } | string {
  let schema: unknown;
  try {
    schema = JSON.parse(content);
  } catch {
    return 'Failed to parse the form: the content is not valid JSON';
  }
  const id = (schema as { id?: unknown } | null)?.id;
  if (typeof id !== 'string' || id === '') return 'Expected the form to have an id, but none found';
  return { formId: id };
}

function duplicates(processes: CompiledProcess[], forms: CompiledForm[]): string[] {
  const errors: string[] = [];
  const seen = new Map<string, string>();
  for (const { resourceName, process } of processes) {
    const previous = seen.get(process.bpmnProcessId);
    if (previous !== undefined) {
      errors.push(`Duplicated process id in resources '${previous}' and '${resourceName}'`);
    } else {
      seen.set(process.bpmnProcessId, resourceName);
    }
  }
  const formSeen = new Map<string, string>();
  for (const { resourceName, formId } of forms) {
    const previous = formSeen.get(formId);
    if (previous !== undefined) {
      errors.push(
        `Expected the form ids to be unique within a deployment but found a duplicated id '${formId}' in the resources '${previous}' and '${resourceName}'.`,
      );
    } else {
      formSeen.set(formId, resourceName);
    }
  }
  return errors;
}

/** Zeebe rejects a deployment where two DMN resources define the same DRG or decision id. */
function duplicateDecisions(drgs: CompiledDrg[]): string[] {
  const errors: string[] = [];
  const seen = new Map<string, string>();
  for (const { resourceName, drg } of drgs) {
    const ids = [drg.decisionRequirementsId, ...drg.decisions.map((d) => d.decisionId)];
    for (const id of ids) {
      const previous = seen.get(id);
      if (previous !== undefined && previous !== resourceName) {
        errors.push(
          `Duplicated decision id '${id}' in resources '${previous}' and '${resourceName}'`,
        );
      } else {
        seen.set(id, resourceName);
      }
    }
  }
  return errors;
}
