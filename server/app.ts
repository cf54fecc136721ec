import type { Camunda8 } from '@camunda8/sdk';
import express, { Router, type Express } from 'express';
import helmet from 'helmet';
import type { Knex } from 'knex';
import { createFieldCipher, createFieldHasher } from '../domain/pii';
import { createLog, type Log } from '../platform';
import { createLoginThrottle, createSessionStore, createStaffGuards, sessionRouter } from './auth';
import { demandRouter } from './demands';
import { healthHandler, type HealthProbe } from './health';
import { createReplay, replayRouter } from './replay';
import { archiveRouter } from './archive';
import {
  createMigrationEngine,
  createModelerEngine,
  migrationRouter,
  modelerRouter,
} from './modeler';
import { ledgerRouter } from './ledgers';
import { createOpsEngine, opsRouter } from './ops';
import { rankingRouter } from './rankings';
import { statsRouter } from './stats';
import { createTaskEngine, taskRouter } from './tasks';
import { unitRouter } from './units';
import { apiErrorHandler, apiNotFound, auditLog, createTokenSigner, requestId } from './http';
import { createIntakeService, intakeRouter } from './intake';
import {
  createFeedbackService,
  createPublicCsrf,
  createPublicLookup,
  createPublicRateLimits,
  publicRouter,
} from './public';
import { loadServerConfig, type ServerConfig } from './server-config';
import { createTriageService, type TriageService } from './triage';
import { MODELER_DIST_DIR, WEB_DIST_DIR, modelerAppRouter, webAppRouter } from './web-app';

export interface AppDependencies {
  knex: Knex;
  /** The key encrypting personal data (domain/pii `loadDataKey`); also keys CSRF tokens. */
  dataKey: Buffer;
  /** Where request failures and the audit log's own failures are written. */
  log?: Log;
  /** "Now" for sessions, lockouts and intake times. Default: the system clock. */
  clock?: () => Date;
  /** Overrides of the settings read from the environment (`loadServerConfig`). */
  config?: Partial<ServerConfig>;
  /**
   * The engine client (a `Camunda8` from `@camunda8/sdk`): citizen feedback is published over
   * its gRPC client, the task list, the replay and the incident view use its Camunda 8.8
   * REST client. Without it those routes answer 503 `engine-unavailable`.
   */
  camunda?: Pick<Camunda8, 'getZeebeGrpcApiClient' | 'getOrchestrationClusterApiClientLoose'>;
  /**
   * The embedded engine's REST address (`http://127.0.0.1:8080`), when the engine runs
   * embedded: the replay then reads its record history and hash-chain check, the modeler its
   * deployed forms. Unset for a Camunda cluster (the replay uses Camunda's element-instance
   * search; the modeler lists no forms).
   */
  engineRecordsUrl?: string;
  /**
   * Triage at intake (server/triage). Default: one over `knex` with the lexicon files of
   * server/triage; the server passes its own so it can start the learner beside it.
   */
  triage?: TriageService;
  /**
   * Called after intake stored a demand, or a split sent one back to screening: pass the
   * process starter's `wake`.
   */
  onDemandStored?: () => void;
  /** Parts of the running system that `/health` reports besides the database, by name. */
  health?: Record<string, HealthProbe>;
  /** The staff web app's build, served at `/`. Default: web/dist. */
  webDistDir?: string;
  /** The process modeler's build, served at `/modeler/`. Default: web-modeler/dist. */
  modelerDistDir?: string;
}

/**
 * helmet's Content-Security-Policy, changed only where the built web app needs it. Scripts
 * stay `'self'` (Vite emits no inline script). Styles need `'unsafe-inline'`: Element Plus
 * positions popovers and dialogs and sets theme variables through `style` attributes, and
 * form-js sizes its fields the same way; neither works with hashed or nonced styles. helmet
 * allows any `https:` stylesheet and font by default; the app loads none from elsewhere.
 */
const CONTENT_SECURITY_POLICY = {
  directives: {
    'style-src': ["'self'", "'unsafe-inline'"],
    'font-src': ["'self'", 'data:'],
  },
};

/** The HTTP application. Every route is wired here from the dependencies it is given. */
export function createApp(deps: AppDependencies): Express {
  const config: ServerConfig = { ...loadServerConfig(), ...deps.config };
  const log = deps.log ?? createLog('http');
  const clock = deps.clock ?? (() => new Date());
  const { knex } = deps;
  const pii = { cipher: createFieldCipher(deps.dataKey), hasher: createFieldHasher(deps.dataKey) };
  const tokens = createTokenSigner(deps.dataKey);

  const sessions = createSessionStore(knex);
  const guards = createStaffGuards({
    knex,
    sessions,
    tokens,
    clock,
    idleMs: config.sessionIdleMs,
    absoluteMs: config.sessionAbsoluteMs,
  });
  const throttle = createLoginThrottle(knex, {
    maxFailures: config.loginMaxFailures,
    windowMs: config.loginFailureWindowMs,
    lockMs: config.loginLockMs,
  });
  const intake = createIntakeService({
    knex,
    pii,
    triage: deps.triage ?? createTriageService({ knex }),
    clock,
    onStored: deps.onDemandStored,
  });
  const lookup = createPublicLookup(knex, pii.cipher);

  const api = Router();
  api.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  api.use(auditLog({ knex, log }));
  api.use(
    sessionRouter({
      knex,
      sessions,
      throttle,
      guards,
      clock,
      cookieSecure: config.cookieSecure,
      jsonBodyLimit: config.jsonBodyLimit,
    }),
  );
  api.use(
    intakeRouter({
      knex,
      intake,
      clock,
      jsonBodyLimit: config.jsonBodyLimit,
      submittedAtSkewMs: config.submittedAtSkewMs,
    }),
  );
  api.use(
    demandRouter({
      knex,
      cipher: pii.cipher,
      guards,
      clock,
      jsonBodyLimit: config.jsonBodyLimit,
      onRestart: deps.onDemandStored,
    }),
  );
  api.use(
    taskRouter({
      knex,
      cipher: pii.cipher,
      guards,
      clock,
      jsonBodyLimit: config.jsonBodyLimit,
      engine: deps.camunda ? createTaskEngine(deps.camunda) : undefined,
    }),
  );
  api.use(ledgerRouter({ knex, cipher: pii.cipher, guards, clock }));
  api.use(rankingRouter({ knex, guards, clock, jsonBodyLimit: config.jsonBodyLimit }));
  api.use(statsRouter({ knex, guards, clock }));
  api.use(unitRouter({ knex, guards }));
  api.use(archiveRouter({ knex, guards }));
  api.use(
    modelerRouter({
      guards,
      engine: deps.camunda
        ? createModelerEngine(deps.camunda, { engineUrl: deps.engineRecordsUrl })
        : undefined,
    }),
  );
  api.use(
    migrationRouter({
      knex,
      guards,
      jsonBodyLimit: config.jsonBodyLimit,
      engines: deps.camunda
        ? {
            modeler: createModelerEngine(deps.camunda),
            migration: createMigrationEngine(deps.camunda),
          }
        : undefined,
    }),
  );
  api.use(
    replayRouter({
      knex,
      cipher: pii.cipher,
      guards,
      clock,
      replay: deps.camunda
        ? createReplay({ knex, camunda: deps.camunda, engineRecordsUrl: deps.engineRecordsUrl })
        : undefined,
    }),
  );
  api.use(
    opsRouter({
      knex,
      guards,
      jsonBodyLimit: config.jsonBodyLimit,
      engine: deps.camunda ? createOpsEngine(deps.camunda) : undefined,
    }),
  );
  api.use(
    '/public',
    publicRouter({
      knex,
      intake,
      lookup,
      giveFeedback: createFeedbackService({
        knex,
        lookup,
        camunda: deps.camunda,
      }),
      csrf: createPublicCsrf({ tokens, cookieSecure: config.cookieSecure }),
      limits: createPublicRateLimits({
        windowMs: config.publicRateWindowMs,
        writeLimit: config.publicWriteLimit,
        readLimit: config.publicReadLimit,
      }),
      clock,
      jsonBodyLimit: config.jsonBodyLimit,
      submittedAtSkewMs: config.submittedAtSkewMs,
    }),
  );
  api.use(apiNotFound());
  api.use(apiErrorHandler(log));

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.use(helmet({ contentSecurityPolicy: CONTENT_SECURITY_POLICY }));
  app.use(requestId());
  app.get('/health', healthHandler({ knex, parts: deps.health }));
  app.use('/api', api);
  app.use('/modeler', modelerAppRouter(deps.modelerDistDir ?? MODELER_DIST_DIR));
  app.use(webAppRouter(deps.webDistDir ?? WEB_DIST_DIR));
  return app;
}
