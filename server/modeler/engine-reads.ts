import { EngineRefusal, type createEngineCall } from '../camunda';
import { HttpProblem } from '../http';

type EngineCall = ReturnType<typeof createEngineCall>;
type Item = Record<string, unknown>;

const PAGE_LIMIT = 1_000;
/** More versions than any county keeps: a list stops there rather than paging forever. */
const MAX_DEFINITIONS = 10_000;

/** Every item of a Camunda 8.8 search, page by page (`page: {from, limit}`). */
export async function searchAll(
  call: EngineCall,
  search: (page: { from: number; limit: number }) => Promise<unknown>,
): Promise<Item[]> {
  const items: Item[] = [];
  for (let from = 0; from < MAX_DEFINITIONS; from += PAGE_LIMIT) {
    const page = (await call(() => search({ from, limit: PAGE_LIMIT }))) as { items?: Item[] };
    const found = page.items ?? [];
    items.push(...found);
    if (found.length < PAGE_LIMIT) break;
  }
  return items;
}

/** A definition's XML; the engine's 404 becomes the API's, naming what was asked for. */
export async function definitionXml(
  call: EngineCall,
  fetch: () => Promise<unknown>,
  what: string,
  key: string,
): Promise<string> {
  try {
    return String(await call(fetch));
  } catch (error) {
    if (error instanceof EngineRefusal && error.status === 404) {
      throw new HttpProblem({ status: 404, detail: `No ${what} version with key ${key}.` });
    }
    throw error;
  }
}
