import Modeler from 'camunda-bpmn-js/lib/camunda-cloud/Modeler';
import lintingModule from '@camunda/linting/modeler';
import 'camunda-bpmn-js/dist/assets/camunda-cloud-modeler.css';
import '@camunda/linting/assets/linting.css';
import { EXECUTION_PLATFORM, EXECUTION_PLATFORM_VERSION } from './lint';

export type BpmnModeler = InstanceType<typeof Modeler>;

/** The Camunda 8 modeler (Zeebe properties panel) with the linter's marks on the canvas. */
export function createModeler(canvas: HTMLElement, properties: HTMLElement): BpmnModeler {
  return new Modeler({
    container: canvas,
    propertiesPanel: { parent: properties },
    additionalModules: [lintingModule],
  });
}

/**
 * Imports a deployed version; one that does not say which engine it is made for is marked as
 * made for Camunda 8.8, as Camunda's modeler does: the linter picks its rules from these.
 */
export async function openModel(modeler: BpmnModeler, xml: string): Promise<void> {
  await modeler.importXML(xml);
  const definitions = modeler.getDefinitions() as unknown as {
    get(name: string): unknown;
    set(name: string, value: string): void;
  };
  if (!definitions.get('modeler:executionPlatform')) {
    definitions.set('modeler:executionPlatform', EXECUTION_PLATFORM);
    definitions.set('modeler:executionPlatformVersion', EXECUTION_PLATFORM_VERSION);
  }
  (modeler.get('canvas') as { zoom(level: string): void }).zoom('fit-viewport');
}

export async function modelXml(modeler: BpmnModeler): Promise<string> {
  const { xml } = await modeler.saveXML({ format: true });
  return xml ?? '';
}
