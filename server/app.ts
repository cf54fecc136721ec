import express, { type Express } from 'express';
import type { Knex } from 'knex';
import { healthHandler, type HealthProbe } from './health';

export interface AppDependencies {
  knex: Knex;
  /** Parts of the running system that `/health` reports besides the database, by name. */
  health?: Record<string, HealthProbe>;
}

/** The HTTP application. Every route is wired here from the dependencies it is given. */
export function createApp(deps: AppDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/health', healthHandler({ knex: deps.knex, parts: deps.health }));
  return app;
}
