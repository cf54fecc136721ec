import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { RestContext } from './context';
import { problem, sendProblem } from './problem';
import { adHocActivitiesRouter } from './routes/ad-hoc-activities';
import { clockRouter } from './routes/clock';
import { decisionDefinitionsRouter } from './routes/decision-definitions';
import { deploymentsRouter } from './routes/deployments';
import { elementInstancesRouter } from './routes/element-instances';
import { formSearchRouter, formsRouter } from './routes/forms';
import { historyRouter } from './routes/history';
import { incidentsRouter } from './routes/incidents';
import { jobsRouter } from './routes/jobs';
import { messagesRouter } from './routes/messages';
import { processDefinitionsRouter } from './routes/process-definitions';
import { signalsRouter } from './routes/signals';
import { statsRouter } from './routes/stats';
import { processInstanceCreationRouter } from './routes/process-instance-creation';
import { processInstanceModificationRouter } from './routes/process-instance-modification';
import { processInstancesRouter } from './routes/process-instances';
import { processInstanceMigrationRouter } from './routes/process-instance-migration';
import { topologyRouter } from './routes/topology';
import { variablesRouter } from './routes/variables';
import { userTasksRouter } from './routes/user-tasks';

/**
 * The Camunda 8.8 REST API (`/v2/...`) of the engine. Each resource is one router module in
 * `routes/`; add new resources to ROUTERS. Every error leaves as RFC 9457 problem+json.
 */
const ROUTERS: Array<(context: RestContext) => Router> = [
  topologyRouter,
  clockRouter,
  deploymentsRouter,
  processDefinitionsRouter,
  processInstanceCreationRouter,
  processInstancesRouter,
  processInstanceModificationRouter,
  processInstanceMigrationRouter,
  elementInstancesRouter,
  adHocActivitiesRouter,
  variablesRouter,
  incidentsRouter,
  decisionDefinitionsRouter,
  formsRouter,
  userTasksRouter,
  messagesRouter,
  signalsRouter,
  jobsRouter,
];

/** The engine's own endpoints beyond Camunda's API, under `/engine/v1`. */
const ENGINE_ROUTERS: Array<(context: RestContext) => Router> = [
  historyRouter,
  statsRouter,
  formSearchRouter,
];

/** Zeebe refuses documents above its 4 MB message size; the body limit leaves room for that. */
const BODY_LIMIT = '5mb';

export interface RestGateway {
  port: number;
  stop(): Promise<void>;
}

export function restApp(context: RestContext): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: BODY_LIMIT }));
  for (const router of ROUTERS) app.use('/v2', router(context));
  for (const router of ENGINE_ROUTERS) app.use('/engine/v1', router(context));
  app.use((req: Request, res: Response) =>
    sendProblem(
      res,
      problem(404, 'Not Found', `No endpoint ${req.method} ${req.path}.`, req.originalUrl),
    ),
  );
  app.use(errorHandler);
  return app;
}

/** Body parser failures are the client's (400/413); anything else is the engine's (500). */
function errorHandler(error: unknown, req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) return next(error);
  const e = error as { type?: string; status?: number; message?: string };
  if (e.type === 'entity.parse.failed') {
    return sendProblem(
      res,
      problem(400, 'Bad Request', 'Failed to read request.', req.originalUrl),
    );
  }
  if (e.type === 'entity.too.large') {
    return sendProblem(
      res,
      problem(413, 'Payload Too Large', `The request body exceeds ${BODY_LIMIT}.`, req.originalUrl),
    );
  }
  sendProblem(
    res,
    problem(
      500,
      'INTERNAL',
      `Unexpected error occurred during the request processing: ${e.message ?? String(error)}`,
      req.originalUrl,
    ),
  );
}

export async function startRestGateway(
  context: RestContext,
  options: { host: string; port: number },
): Promise<RestGateway> {
  const server = restApp(context).listen(options.port, options.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  return {
    port: (server.address() as AddressInfo).port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
