/**
 * Names of variables (and of properties inside their values) that may hold personal data. The
 * processes carry none in clear (intake keeps it encrypted in the database), but a variable a
 * worker or an administrator added might: such values are never shown, whatever they hold.
 */
const PERSONAL =
  /phone|mobile|tel(?:ephone)?$|id_?number|id_?card|idno|name$|^name|address|citizen/i;

export const MASK = '***';

export function isPersonalName(name: string): boolean {
  return PERSONAL.test(name);
}

/** A value with every property whose name looks personal replaced by the mask, at any depth. */
export function maskPersonal(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskPersonal);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [
        key,
        isPersonalName(key) ? MASK : maskPersonal(inner),
      ]),
    );
  }
  return value;
}
