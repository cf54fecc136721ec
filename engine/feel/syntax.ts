/**
 * Deploy-time FEEL syntax check with the parser that will evaluate the expression, so that a
 * model the linter accepts but feelin cannot read is rejected at deployment, not at run time.
 */
import { parseExpression } from 'feelin';
import { CAMUNDA_BUILTINS } from './builtins';

const cache = new Map<string, string | undefined>();
const CACHE_LIMIT = 10_000;

/** Undefined when the FEEL source parses, else Zeebe's `failed to parse expression …` message. */
export function checkFeelSyntax(source: string): string | undefined {
  if (cache.has(source)) return cache.get(source);
  const problem = findSyntaxError(source);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(source, problem);
  return problem;
}

function findSyntaxError(source: string): string | undefined {
  let position: number | undefined;
  try {
    // The names of the built-ins are context: `get or else` only parses as one name when known.
    parseExpression(source, CAMUNDA_BUILTINS, 'camunda').iterate({
      enter(node) {
        if (node.type.isError && position === undefined) position = node.from;
      },
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return `failed to parse expression '${source}': ${reason}`;
  }
  if (position === undefined) return undefined;
  const found = source.slice(position).trim();
  const near = found === '' ? 'unexpected end of expression' : `unexpected input at '${found}'`;
  return `failed to parse expression '${source}': ${near} (position ${position})`;
}
