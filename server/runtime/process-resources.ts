import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** A deployable file of `processes/`: a BPMN process, a DMN decision or a Camunda form. */
export interface ProcessResource {
  /** Path below the folder, with `/` (e.g. `forms/handle.form`): the engine's resource name. */
  name: string;
  content: string;
  sha256: string;
  /** The executable process ids a BPMN file defines; empty for DMN and forms. */
  processIds: string[];
}

const DEPLOYABLE = /\.(bpmn|dmn|form)$/;

/** Every deployable file below `dir`, sorted by name; none when the folder does not exist. */
export function readProcessResources(dir: string): ProcessResource[] {
  if (!fs.existsSync(dir)) return [];
  const files = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' });
  return files
    .filter((file) => DEPLOYABLE.test(file) && fs.statSync(path.join(dir, file)).isFile())
    .map((file) => file.split(path.sep).join('/'))
    .sort()
    .map((name) => {
      const content = fs.readFileSync(path.join(dir, name), 'utf8');
      return {
        name,
        content,
        sha256: crypto.createHash('sha256').update(content).digest('hex'),
        processIds: name.endsWith('.bpmn') ? processIdsOf(content) : [],
      };
    });
}

/** Ids of the executable processes of a BPMN document (`<bpmn:process id=… isExecutable="true">`). */
export function processIdsOf(bpmn: string): string[] {
  const ids: string[] = [];
  for (const match of bpmn.matchAll(/<(?:[\w-]+:)?process\b([^>]*)>/g)) {
    const attributes = match[1] ?? '';
    const id = /\bid="([^"]+)"/.exec(attributes)?.[1];
    if (id && !/\bisExecutable="false"/.test(attributes)) ids.push(id);
  }
  return ids;
}
