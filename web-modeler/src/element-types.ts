import type { MigrationElement } from './api/modeler';

type Translate = (key: string) => string;
type Has = (key: string) => boolean;

/**
 * `bpmn:BoundaryEvent+bpmn:TimerEventDefinition` as 边界事件（定时）: the type of a migration
 * element in the reader's language, the raw BPMN name where no translation exists.
 */
export function elementTypeLabel(type: string, t: Translate, te: Has): string {
  const [base = '', ...events] = type.split('+').map((part) => part.replace(/^bpmn:/, ''));
  const name = (group: string, key: string) => (te(`${group}.${key}`) ? t(`${group}.${key}`) : key);
  const label = name('bpmnType', base);
  return events.length === 0
    ? label
    : `${label} (${events.map((e) => name('eventType', e)).join(', ')})`;
}

/** How an element is named in the mapping: its name with its id, or the id alone. */
export const elementLabel = (element: MigrationElement): string =>
  element.name ? `${element.name} (${element.elementId})` : element.elementId;
