/**
 * The models of a demand's life as deployable resources: every BPMN process, DMN decision and
 * Camunda form under `processes/`, deployed together so that forms and decisions a process
 * links to are there when it runs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const PROCESSES_DIR = __dirname;

export interface ModelResource {
  /** The file name relative to `processes/` (`forms/handle.form`), used as resource name. */
  name: string;
  content: string;
}

const DEPLOYABLE = /\.(bpmn|dmn|form)$/;

/** Every deployable file, processes last so the decisions and forms they name come first. */
export function modelResources(): ModelResource[] {
  const names = [
    ...readdirSync(PROCESSES_DIR).filter((name) => DEPLOYABLE.test(name)),
    ...readdirSync(path.join(PROCESSES_DIR, 'forms'))
      .filter((name) => DEPLOYABLE.test(name))
      .map((name) => `forms/${name}`),
  ].sort((a, b) => Number(a.endsWith('.bpmn')) - Number(b.endsWith('.bpmn')) || a.localeCompare(b));
  return names.map((name) => ({
    name,
    content: readFileSync(path.join(PROCESSES_DIR, name), 'utf8'),
  }));
}
