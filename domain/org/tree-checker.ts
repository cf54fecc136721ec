import type { OrgTreeError } from './types';

/**
 * Generic checks shared by every node of the org tree file. Each finding is recorded with the
 * node's JSON path and, where known, the names leading to it, so a clerk fixing a file of
 * thousands of lines can find the node both by path and by the names they know.
 */

export type JsonObject = Record<string, unknown>;

/** Where a node sits: its JSON path and the names of its ancestors (and itself, once read). */
export interface NodeContext {
  path: string;
  names: readonly string[];
}

const CODE_PATTERN = /^[0-9A-Za-z-]+$/;
const IDENTIFIER_PATTERN = /^[a-z][a-z0-9_]*$/;

/** `$.a` for plain keys, `$["chil dren"]` for anything else, so every path can be pasted back. */
export function member(path: string, key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key)
    ? `${path}.${key}`
    : `${path}[${JSON.stringify(key)}]`;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isDomainIdentifier(value: unknown): value is string {
  return typeof value === 'string' && IDENTIFIER_PATTERN.test(value);
}

export class TreeChecker {
  readonly errors: OrgTreeError[] = [];
  private readonly codes = new Map<string, { path: string; where: string }>();

  /** Records a problem at the node itself (key omitted) or at one of its keys. */
  report(ctx: NodeContext, key: string | undefined, message: string): void {
    const path = key === undefined ? ctx.path : member(ctx.path, key);
    this.errors.push({ path, message: message + where(ctx) });
  }

  object(value: unknown, ctx: NodeContext, what: string): JsonObject | undefined {
    if (isJsonObject(value)) return value;
    this.report(ctx, undefined, `${what} must be an object like {"code": "…", "name": "…"}`);
    return undefined;
  }

  /**
   * Unknown keys are errors: a misspelt "chidren" would otherwise drop a whole township
   * silently. `misplaced` explains keys that are valid elsewhere in the tree.
   */
  keys(
    node: JsonObject,
    ctx: NodeContext,
    allowed: readonly string[],
    misplaced: Readonly<Record<string, string>> = {},
  ): void {
    for (const key of Object.keys(node)) {
      if (allowed.includes(key)) continue;
      const hint = Object.hasOwn(misplaced, key) ? misplaced[key] : undefined;
      const guess = closest(key, allowed);
      this.report(
        ctx,
        key,
        hint ?? `unknown key "${key}"${guess ? ` (did you mean "${guess}"?)` : ''}`,
      );
    }
  }

  /** A required, trimmed, non-blank name; returns the context extended with it. */
  name(node: JsonObject, ctx: NodeContext): { name: string | undefined; ctx: NodeContext } {
    const value = node.name;
    if (typeof value === 'string' && value.trim() !== '') {
      const name = value.trim();
      return { name, ctx: { ...ctx, names: [...ctx.names, name] } };
    }
    this.report(
      ctx,
      'name',
      value === undefined ? 'name is required' : 'name must be a non-empty string',
    );
    return { name: undefined, ctx };
  }

  /** A required code, unique across the whole file (both places are reported). */
  code(node: JsonObject, ctx: NodeContext): string | undefined {
    const value = node.code;
    if (value === undefined) {
      this.report(ctx, 'code', 'code is required');
      return undefined;
    }
    if (typeof value !== 'string' || !CODE_PATTERN.test(value)) {
      this.report(
        ctx,
        'code',
        `code must be a non-empty string of letters, digits and "-", got ${JSON.stringify(value)}`,
      );
      return undefined;
    }
    const path = member(ctx.path, 'code');
    const first = this.codes.get(value);
    if (first) {
      this.errors.push({
        path: first.path,
        message: `code "${value}" is used again at ${path}; codes must be unique${first.where}`,
      });
      this.report(
        ctx,
        'code',
        `code "${value}" is already used at ${first.path}; codes must be unique`,
      );
      return undefined;
    }
    this.codes.set(value, { path, where: where(ctx) });
    return value;
  }

  /** Checks a tier fixed by the node's position; false means the node is in the wrong place. */
  tier(node: JsonObject, ctx: NodeContext, expected: string, rule: string): boolean {
    const value = node.tier;
    if (value === expected) return true;
    this.report(
      ctx,
      'tier',
      value === undefined
        ? `tier is required: "${expected}"`
        : `${rule}: tier must be "${expected}", got ${JSON.stringify(value)}`,
    );
    return false;
  }

  kind<K extends string>(
    node: JsonObject,
    ctx: NodeContext,
    allowed: readonly K[],
    label: string,
    required: boolean,
  ): K | undefined {
    const value = node.kind;
    if (value === undefined && !required) return undefined;
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) {
      return value as K;
    }
    const choices = allowed.map((k) => `"${k}"`).join(' or ');
    this.report(
      ctx,
      'kind',
      value === undefined
        ? `kind is required: ${choices} (${label})`
        : `kind must be ${choices} (${label}), got ${JSON.stringify(value)}`,
    );
    return undefined;
  }

  /** An optional list; each item is checked by `each` with its own path. */
  list<T>(
    node: JsonObject,
    key: string,
    ctx: NodeContext,
    each: (item: unknown, itemCtx: NodeContext) => T | undefined,
  ): T[] | undefined {
    const value = node[key];
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) {
      this.report(ctx, key, `${key} must be a list [...]`);
      return undefined;
    }
    const listPath = member(ctx.path, key);
    const items: T[] = [];
    value.forEach((item: unknown, index) => {
      const checked = each(item, { path: `${listPath}[${index}]`, names: ctx.names });
      if (checked !== undefined) items.push(checked);
    });
    return items;
  }
}

/** " (in 东城街道 › 荧屏社区)" — the names leading to a node, for humans. */
function where(ctx: NodeContext): string {
  return ctx.names.length > 0 ? ` (in ${ctx.names.join(' › ')})` : '';
}

/** The allowed key nearest to a typo, if it is close enough to be a plausible misspelling. */
function closest(key: string, allowed: readonly string[]): string | undefined {
  let best: { key: string; distance: number } | undefined;
  for (const candidate of allowed) {
    const distance = editDistance(key.toLowerCase(), candidate);
    if (distance <= 2 && (!best || distance < best.distance)) best = { key: candidate, distance };
  }
  return best?.key;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
