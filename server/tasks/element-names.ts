const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

function unescapeXml(value: string): string {
  return value.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (whole, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    return ENTITIES[entity] ?? whole;
  });
}

/**
 * Element id → name of every named element of a BPMN document. Camunda 8.8 puts a user task's
 * name on its search result; an engine that leaves it out still gets its tasks named from the
 * diagram. A plain scan of start tags is enough: ids and names are attributes of one tag.
 */
export function elementNamesOf(xml: string): Map<string, string> {
  const names = new Map<string, string>();
  for (const tag of xml.matchAll(/<[A-Za-z][\w.-]*(?::[\w.-]+)?\s([^>]*)>/g)) {
    const attributes = new Map<string, string>();
    for (const attribute of (tag[1] ?? '').matchAll(/([\w:.-]+)\s*=\s*("([^"]*)"|'([^']*)')/g)) {
      attributes.set(attribute[1]!, unescapeXml(attribute[3] ?? attribute[4] ?? ''));
    }
    const id = attributes.get('id');
    const name = attributes.get('name');
    if (id && name && !names.has(id)) names.set(id, name);
  }
  return names;
}
