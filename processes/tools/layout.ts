/**
 * `npm run processes:layout`: rewrites the diagram (BPMN DI) of every process in `processes/`
 * from its sketch in `sketches.ts`, so the models open cleanly in a modeler. Run it after
 * adding or moving elements in the XML by hand; a model edited in a modeler keeps the layout
 * the modeler saved and needs no sketch update unless it is laid out here again.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BpmnModdle } from 'bpmn-moddle';
import zeebeSchema from 'zeebe-bpmn-moddle/resources/zeebe.json';
import { layOut } from './diagram';
import { SKETCHES } from './sketches';

const PROCESSES = path.resolve(__dirname, '..');

async function layOutFile(file: string): Promise<void> {
  const sketch = SKETCHES[file]!;
  const moddle = new BpmnModdle({ zeebe: zeebeSchema });
  const filePath = path.join(PROCESSES, file);
  const { rootElement, warnings } = await moddle.fromXML(await readFile(filePath, 'utf8'));
  if (warnings.length > 0) {
    throw new Error(`${file}: ${warnings.map((warning) => warning.message).join('; ')}`);
  }
  layOut(moddle, rootElement, sketch);
  const { xml } = await moddle.toXML(rootElement, { format: true });
  await writeFile(filePath, `${xml}\n`);
  console.log(`laid out ${file}`);
}

async function main(): Promise<void> {
  for (const file of Object.keys(SKETCHES)) await layOutFile(file);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
