import type { NextFunction, Request, RequestHandler, Response, Router } from 'express';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
export type RouteHandlers = Partial<Record<Method, RequestHandler | RequestHandler[]>>;

const allowedByResponse = new WeakMap<Response, Set<string>>();

/**
 * Declares one path with its methods. A request for the path with another method goes on to
 * the other routers (another module may serve that method on the same path); if none does,
 * `apiNotFound` answers `405` with the `Allow` header collected here, not a misleading 404.
 */
export function route(router: Router, path: string, handlers: RouteHandlers): void {
  const entry = router.route(path);
  const allowed: string[] = [];
  for (const [method, handler] of Object.entries(handlers) as [Method, RequestHandler][]) {
    entry[method](...(Array.isArray(handler) ? handler : [handler]));
    allowed.push(method.toUpperCase());
    if (method === 'get') allowed.push('HEAD');
  }
  entry.all((_req: Request, res: Response, next: NextFunction) => {
    const set = allowedByResponse.get(res) ?? new Set<string>();
    for (const method of allowed) set.add(method);
    allowedByResponse.set(res, set);
    next();
  });
}

/** Methods the API serves on the path of this unanswered request (empty: unknown path). */
export function allowedMethods(res: Response): string[] {
  return [...(allowedByResponse.get(res) ?? [])];
}
