import fs from 'node:fs';
import path from 'node:path';
import express, { Router, type NextFunction, type Request, type Response } from 'express';

/** Shown when web/dist has no build: no script, so it passes the strictest CSP. */
const NOT_BUILT_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>民生诉求 · 网页端未构建</title></head>
<body>
<h1>网页端尚未构建</h1>
<p>服务器已启动，接口 <code>/api</code> 可用，但网页端（web/dist）还没有构建成功。
请运行 <code>npm run web:build</code>，或查看 <code>npm start</code> 的日志了解原因。</p>
<p lang="en">The web app is not built (web/dist is missing). Run <code>npm run web:build</code>,
or see the log of <code>npm start</code> for why the build failed. The API at /api works.</p>
</body></html>
`;

/** Paths the single-page app never answers: the API, health, and missing build assets. */
function notForTheApp(requestPath: string): boolean {
  return (
    requestPath === '/api' ||
    requestPath.startsWith('/api/') ||
    requestPath === '/health' ||
    requestPath.startsWith('/assets/')
  );
}

/**
 * The staff web app from `distDir` (web/dist): its files as they are, hashed assets cached for
 * good, and `index.html` for every other GET outside `/api`, so the app's own routes
 * (`/workbench/123`) survive a reload. Without a build, a plain page says so (503).
 */
export function webAppRouter(distDir: string, notBuiltPage: string = NOT_BUILT_PAGE): Router {
  const router = Router();
  const indexFile = path.join(distDir, 'index.html');
  router.use(
    express.static(distDir, {
      index: false,
      setHeaders: (res, file) => {
        const asset = file.startsWith(path.join(distDir, 'assets') + path.sep);
        res.set('Cache-Control', asset ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    }),
  );
  router.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || notForTheApp(req.path)) return next();
    // Looked up per request: `npm start` may finish building after the server started.
    if (!fs.existsSync(indexFile)) {
      res.status(503).set('Cache-Control', 'no-store').type('html').send(notBuiltPage);
      return;
    }
    res.set('Cache-Control', 'no-cache');
    res.sendFile(indexFile);
  });
  return router;
}

const MODELER_NOT_BUILT_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>民生诉求 · 流程建模未构建</title></head>
<body>
<h1>流程建模尚未构建</h1>
<p>请运行 <code>npm run modeler:build</code>，或查看 <code>npm start</code> 的日志了解原因。</p>
<p lang="en">The process modeler is not built (web-modeler/dist is missing). Run
<code>npm run modeler:build</code>, or see the log of <code>npm start</code>.</p>
</body></html>
`;

/**
 * The process modeler from `distDir` (web-modeler/dist), mounted at `/modeler`: the same
 * serving as the staff app's, its own page when it is not built.
 */
export function modelerAppRouter(distDir: string): Router {
  const router = webAppRouter(distDir, MODELER_NOT_BUILT_PAGE);
  // A missing asset of the modeler must not fall through to the staff app's index.html.
  router.use('/assets', (_req: Request, res: Response) => {
    res.status(404).type('text').send('Not Found');
  });
  return router;
}
