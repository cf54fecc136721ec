import { diff, type DiffEntry } from 'bpmn-js-differ';

export type ChangeKind = 'added' | 'removed' | 'changed' | 'layout';

/** One element that differs between two versions, named by the diagram element it belongs to. */
export interface ElementChange {
  id: string;
  name: string | null;
  type: string;
  kind: ChangeKind;
  /** For `changed`: which properties, with old and new value. */
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

const text = (value: unknown): string => {
  if (value === undefined || value === null) return '';
  if (typeof value === 'object') {
    const body = (value as { body?: unknown }).body;
    if (typeof body === 'string') return body;
    const id = (value as { id?: unknown }).id;
    return typeof id === 'string' ? id : JSON.stringify(value);
  }
  return String(value);
};

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
  for (const { model, attrs } of Object.values(result._changed)) {
    add(
      model,
      'changed',
      Object.entries(attrs).map(([name, value]) => ({
        name: model.id === owner(model, drawn).id ? name : `${model.$type}.${name}`,
        oldValue: text(value.oldValue),
        newValue: text(value.newValue),
      })),
    );
  }
  for (const entry of Object.values(result._layoutChanged)) {
    if (!changes.has(entry.id)) add(entry, 'layout');
  }
  return [...changes.values()];
}
