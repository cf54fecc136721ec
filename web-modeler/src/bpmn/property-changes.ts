/**
 * What bpmn-js-differ misses: it compares the attributes it knows, not nested model content
 * such as a timer's expression or an element's Zeebe extension elements. Here every element
 * with an id is reduced to a plain value of its own properties (nested elements with an id of
 * their own stand as `#id`, references as the id they point to), and the values of the two
 * versions are compared property by property.
 */

interface ModdleElement {
  $type: string;
  id?: string;
  $attrs?: Record<string, unknown>;
  $descriptor: {
    properties: { name: string; isReference?: boolean; isMany?: boolean }[];
  };
  [property: string]: unknown;
}

export interface PropertyChange {
  /** The element of the newer version, with `$parent` up to its definitions. */
  element: { $type: string; id: string; name?: string; $parent?: unknown };
  name: string;
  oldValue: string;
  newValue: string;
}

/** Kept out of the comparison: they change whenever a neighbour is added or removed. */
const IGNORED = new Set(['incoming', 'outgoing', 'di', 'diagrams', 'rootElements']);

const isElement = (value: unknown): value is ModdleElement =>
  typeof value === 'object' && value !== null && '$descriptor' in value && '$type' in value;

function plain(value: unknown, root: boolean): unknown {
  if (Array.isArray(value)) return value.map((item) => plain(item, false));
  if (!isElement(value)) return value;
  if (!root && value.id) return `#${value.id}`;
  const result: Record<string, unknown> = { $type: value.$type };
  for (const property of value.$descriptor.properties) {
    if (IGNORED.has(property.name) || property.name === 'id') continue;
    const own = value[property.name];
    if (own === undefined || (Array.isArray(own) && own.length === 0)) continue;
    if (property.isReference) {
      result[property.name] = Array.isArray(own)
        ? own.map((target) => (target as ModdleElement).id)
        : (own as ModdleElement).id;
    } else if (Array.isArray(own) && own.every((item) => isElement(item) && item.id)) {
      // Contained elements with ids of their own: compared (and added or removed) as such.
      continue;
    } else {
      result[property.name] = plain(own, false);
    }
  }
  for (const [name, attr] of Object.entries(value.$attrs ?? {})) {
    if (!name.startsWith('xmlns')) result[name] = attr;
  }
  return result;
}

/** Every element with an id under `root`, by id. */
function elementsById(root: ModdleElement): Map<string, ModdleElement> {
  const found = new Map<string, ModdleElement>();
  const visit = (element: ModdleElement) => {
    if (element.id) found.set(element.id, element);
    for (const property of element.$descriptor.properties) {
      // The diagram interchange (shapes, edges) is layout: the differ reports that.
      if (property.isReference || property.name === 'diagrams') continue;
      const own = element[property.name];
      for (const child of Array.isArray(own) ? own : [own]) {
        if (isElement(child)) visit(child);
      }
    }
  };
  visit(root);
  return found;
}

/** A value as a reviewer reads it: an expression's text, else compact JSON. */
export function shown(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  const body = (value as { body?: unknown }).body;
  if (typeof body === 'string') return body;
  return JSON.stringify(value, (key, v) => (key === '$type' ? undefined : v));
}

/** The properties that differ between the elements both versions have, by element id. */
export function propertyChanges(older: object, newer: object): PropertyChange[] {
  const before = elementsById(older as ModdleElement);
  const after = elementsById(newer as ModdleElement);
  const changes: PropertyChange[] = [];
  for (const [id, element] of after) {
    const previous = before.get(id);
    if (!previous) continue;
    const a = plain(previous, true) as Record<string, unknown>;
    const b = plain(element, true) as Record<string, unknown>;
    for (const name of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (JSON.stringify(a[name]) === JSON.stringify(b[name])) continue;
      changes.push({
        element: element as PropertyChange['element'],
        name,
        oldValue: shown(a[name]),
        newValue: shown(b[name]),
      });
    }
  }
  return changes;
}

/** Elements (with an id) that only `one` of the two versions has. */
export function elementsOnlyIn(one: object, other: object): PropertyChange['element'][] {
  const theirs = elementsById(other as ModdleElement);
  return [...elementsById(one as ModdleElement).entries()]
    .filter(([id]) => !theirs.has(id))
    .map(([, element]) => element as unknown as PropertyChange['element']);
}
