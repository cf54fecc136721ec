/** The names of a BPMN's elements by id (for the event panel); unnamed elements are absent. */
export function elementNames(xml: string | null): Map<string, string> {
  const names = new Map<string, string>();
  if (!xml) return names;
  const document = new DOMParser().parseFromString(xml, 'application/xml');
  for (const element of Array.from(document.querySelectorAll('[id][name]'))) {
    names.set(element.getAttribute('id')!, element.getAttribute('name')!.trim());
  }
  return names;
}
