/**
 * Reading BPMN XML with bpmn-moddle and the zeebe extension schema, plus small accessors for
 * the untyped element tree it returns. Everything else in engine/bpmn works on this tree.
 */
import { BpmnModdle } from 'bpmn-moddle';
import zeebeSchema from 'zeebe-bpmn-moddle/resources/zeebe.json';

/** A moddle element: `$type` is the qualified type (`bpmn:ServiceTask`), the rest are its properties. */
export interface ModdleElement {
  $type: string;
  $parent?: ModdleElement;
  $instanceOf(type: string): boolean;
  [property: string]: unknown;
}

/** A problem found in a resource; `elementId` is absent only for problems of the whole file. */
export interface BpmnProblem {
  elementId?: string;
  message: string;
}

export function isElement(value: unknown): value is ModdleElement {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ModdleElement).$type === 'string'
  );
}

export function is(element: ModdleElement, type: string): boolean {
  return element.$instanceOf(type);
}

export function idOf(element: ModdleElement): string {
  return typeof element.id === 'string' ? element.id : '';
}

export function text(element: ModdleElement | undefined, property: string): string | undefined {
  const value = element?.[property];
  return typeof value === 'string' ? value : undefined;
}

export function child(
  element: ModdleElement | undefined,
  property: string,
): ModdleElement | undefined {
  const value = element?.[property];
  return isElement(value) ? value : undefined;
}

export function children(element: ModdleElement | undefined, property: string): ModdleElement[] {
  const value = element?.[property];
  return Array.isArray(value) ? value.filter(isElement) : [];
}

/** The zeebe (or other) extension elements of the given type, e.g. `zeebe:TaskDefinition`. */
export function extensions(element: ModdleElement, type: string): ModdleElement[] {
  return children(child(element, 'extensionElements'), 'values').filter((value) => is(value, type));
}

export function extension(element: ModdleElement, type: string): ModdleElement | undefined {
  return extensions(element, type)[0];
}

const moddle = new BpmnModdle({ zeebe: zeebeSchema });

/**
 * Parses the XML. Zeebe validates against the BPMN schema, so every moddle warning (unknown
 * element, unresolved reference, duplicate id) is an error here too, not something to skip.
 */
export async function readDefinitions(
  xml: string,
): Promise<{ definitions?: ModdleElement; problems: BpmnProblem[] }> {
  try {
    const { rootElement, warnings } = await moddle.fromXML(xml, 'bpmn:Definitions');
    const problems = warnings.map((warning) => {
      const elementId = typeof warning.element?.id === 'string' ? warning.element.id : undefined;
      const message = `Failed to parse the XML: ${flatten(warning.message)}`;
      return elementId ? { elementId, message: `Element '${elementId}': ${message}` } : { message };
    });
    if (!isElement(rootElement)) {
      return { problems: [{ message: 'Failed to parse the XML: no bpmn:definitions found' }] };
    }
    return { definitions: rootElement, problems };
  } catch (error) {
    return { problems: [{ message: `Failed to parse the XML: ${flatten(messageOf(error))}` }] };
  }
}

function flatten(message: string): string {
  return message.replace(/\s*\n\s*/g, ', ');
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
