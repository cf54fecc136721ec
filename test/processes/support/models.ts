/* eslint-disable @typescript-eslint/no-explicit-any -- moddle element trees are untyped */
/** The BPMN models of `processes/` read with bpmn-moddle and the zeebe schema, for static checks. */
import { BpmnModdle } from 'bpmn-moddle';
import zeebeSchema from 'zeebe-bpmn-moddle/resources/zeebe.json';
import { modelResources } from '../../../processes';

export type ModdleElement = any;

export interface ReadModel {
  name: string;
  xml: string;
  definitions: ModdleElement;
}

export const bpmnFiles = () => modelResources().filter((r) => r.name.endsWith('.bpmn'));
export const formFiles = () => modelResources().filter((r) => r.name.endsWith('.form'));

export async function readModel(name: string, xml: string): Promise<ReadModel> {
  const moddle = new BpmnModdle({ zeebe: zeebeSchema });
  const { rootElement, warnings } = await moddle.fromXML(xml);
  if (warnings.length > 0) throw new Error(`${name}: ${warnings.map((w) => w.message).join('; ')}`);
  return { name, xml, definitions: rootElement };
}

/** Every flow element of the model, inside sub-processes too. */
export function flowElements(definitions: ModdleElement): ModdleElement[] {
  const all: ModdleElement[] = [];
  const visit = (scope: ModdleElement) => {
    for (const element of scope.flowElements ?? []) {
      all.push(element);
      if (element.$type === 'bpmn:SubProcess') visit(element);
    }
  };
  for (const root of definitions.rootElements) if (root.$type === 'bpmn:Process') visit(root);
  return all;
}

export function extension(element: ModdleElement, type: string): ModdleElement | undefined {
  return (element.extensionElements?.values ?? []).find(
    (value: ModdleElement) => value.$type === type,
  );
}

/** Every FEEL expression written in the model (attribute or body starting with `=`). */
export function feelExpressions(xml: string): string[] {
  const decode = (text: string) =>
    text
      .replace(/&#34;|&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  const attributes = [...xml.matchAll(/="(=[^"]*)"/g)].map((m) => decode(m[1]!));
  const bodies = [...xml.matchAll(/>(=[^<]*)</g)].map((m) => decode(m[1]!));
  return [...attributes, ...bodies];
}
