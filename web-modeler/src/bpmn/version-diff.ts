import { diff, type DiffEntry } from 'bpmn-js-differ';
import { elementsOnlyIn, propertyChanges } from './property-changes';

export type ChangeKind = 'added' | 'removed' | 'changed' | 'layout';

/** One element that differs between two versions, named by the diagram element it belongs to. */
export interface ElementChange {
  id: string;
  name: string | null;
  type: string;
  kind: ChangeKind;
  /** For `changed`: which properties, with old and new value (nested ones as `Type.name`). */
  attrs: { name: string; oldValue: string; newValue: string }[];
}

/**
 * Changes inside an element (a timer's expression, a task's Zeebe headers) are reported on the
 * nested model element: they are listed under the nearest ancestor that has an id and is drawn.
 */
function owner(entry: DiffEntry, drawn: (id: string) => boolean): DiffEntry {
  let current: DiffEntry | undefined = entry;
  while (current) {
    if (current.id && drawn(current.id)) return current;
    current = current.$parent;
  }
  return entry;
}

/**
 * The differences between two versions (bpmn-js-differ over their definitions); `drawn` says
 * whether an id is a shape or connection of the diagram.
 */
export function versionChanges(
  older: object,
  newer: object,
  drawn: (id: string) => boolean,
): ElementChange[] {
  const result = diff(older, newer);
  const changes = new Map<string, ElementChange>();
  const add = (entry: DiffEntry, kind: ChangeKind, attrs: ElementChange['attrs'] = []) => {
    const element = kind === 'changed' ? owner(entry, drawn) : entry;
    const known = changes.get(element.id);
    if (known) {
      known.attrs.push(...attrs);
      return;
    }
    changes.set(element.id, {
      id: element.id,
      name: element.name ?? null,
      type: element.$type.replace(/^bpmn:/, ''),
      kind,
      attrs,
    });
  };
  for (const entry of Object.values(result._added)) add(entry, 'added');
  for (const entry of Object.values(result._removed)) add(entry, 'removed');
  // The differ sees drawn elements only; ids of either version alone are added or removed
  // too, and nested ones (an event definition) change the element that holds them.
  const alone = (elements: DiffEntry[], kind: 'added' | 'removed') => {
    for (const element of elements) {
      if (drawn(element.id) || owner(element, drawn) === element) add(element, kind);
      else
        add(element, 'changed', [
          {
            name: element.$type,
            oldValue: kind === 'removed' ? element.id : '',
            newValue: kind === 'added' ? element.id : '',
          },
        ]);
    }
  };
  alone(elementsOnlyIn(newer, older) as DiffEntry[], 'added');
  alone(elementsOnlyIn(older, newer) as DiffEntry[], 'removed');
  // Changed properties from our own comparison, which also sees nested content (expressions,
  // Zeebe properties) the differ misses.
  for (const change of propertyChanges(older, newer)) {
    const element = change.element as DiffEntry;
    const name =
      element.id === owner(element, drawn).id ? change.name : `${element.$type}.${change.name}`;
    add(element, 'changed', [{ name, oldValue: change.oldValue, newValue: change.newValue }]);
  }
  for (const entry of Object.values(result._layoutChanged)) {
    if (!changes.has(entry.id)) add(entry, 'layout');
  }
  return [...changes.values()];
}
