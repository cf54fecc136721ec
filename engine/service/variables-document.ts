/** Zeebe's default maximum message size: larger variable documents are refused. */
export const MAX_VARIABLES_BYTES = 4 * 1024 * 1024;

/**
 * Parses a variables document as clients send it: JSON text of an object, or empty for none.
 * Anything else (malformed JSON, an array, a string, a number) is refused, with Zeebe's words.
 */
export function parseVariables(
  text: string | undefined,
): { ok: true; value: Record<string, unknown> } | { ok: false; reason: string } {
  if (text === undefined || text === '') return { ok: true, value: {} };
  if (Buffer.byteLength(text) > MAX_VARIABLES_BYTES) {
    return {
      ok: false,
      reason: `Expected variables to be at most ${MAX_VARIABLES_BYTES} bytes, but they are larger`,
    };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return {
      ok: false,
      reason: `Expected argument 'variables' to be a valid JSON document, but it is not`,
    };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return {
      ok: false,
      reason: `Expected document to be a root level object, but was '${msgPackType(parsed)}'`,
    };
  }
  return { ok: true, value: parsed as Record<string, unknown> };
}

/** The MessagePack type Zeebe names in its message (it converts JSON to MessagePack first). */
function msgPackType(value: unknown): string {
  if (Array.isArray(value)) return 'ARRAY';
  if (value === null) return 'NIL';
  if (typeof value === 'number') return Number.isInteger(value) ? 'INTEGER' : 'FLOAT';
  return typeof value === 'boolean' ? 'BOOLEAN' : 'STRING';
}
