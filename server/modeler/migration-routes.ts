import { Router, type Request, type Response } from 'express';
import type { Knex } from 'knex';
import type { StaffGuards } from '../auth';
import { engineUnavailable } from '../camunda';
import { auditAs, invalidInput, jsonBody, noteAudit, route, type FieldError } from '../http';
import { migrateInstances, planMigration } from './instance-migration';
import type { MigrationEngine } from './migration-engine';
import { proposeMapping, sameIdMapping, type MappingInstruction } from './migration-mapping';
import type { ModelerEngine } from './modeler-engine';
import { requireProcessOwner } from './modeler-routes';

export interface MigrationRoutesOptions {
  knex: Knex;
  guards: StaffGuards;
  jsonBodyLimit: string;
  /** Absent (no engine configured): the route answers 503 `engine-unavailable`. */
  engines?: { modeler: ModelerEngine; migration: MigrationEngine };
}

interface MigrationRequest {
  sourceProcessDefinitionKey: string;
  targetProcessDefinitionKey: string;
  mappingInstructions: MappingInstruction[] | null;
  dryRun: boolean;
}

const KEY = /^\d{1,19}$/;
const ELEMENT_ID = /^[A-Za-z_][\w.-]{0,254}$/;
const MAX_INSTRUCTIONS = 2_000;

/** The two version keys of a migration: digits, and not the same version twice. */
function checkVersions(source: unknown, target: unknown): FieldError[] {
  const errors: FieldError[] = [];
  for (const [field, value] of [
    ['sourceProcessDefinitionKey', source],
    ['targetProcessDefinitionKey', target],
  ] as const) {
    if (typeof value !== 'string' || !KEY.test(value)) {
      errors.push({ field, message: 'A process version key (digits).' });
    }
  }
  if (errors.length === 0 && source === target) {
    errors.push({
      field: 'targetProcessDefinitionKey',
      message: 'Another version than the source.',
    });
  }
  return errors;
}

function parseMigrationRequest(body: Record<string, unknown>): MigrationRequest {
  const source = body.sourceProcessDefinitionKey;
  const target = body.targetProcessDefinitionKey;
  const errors = checkVersions(source, target);
  if (body.dryRun !== undefined && typeof body.dryRun !== 'boolean') {
    errors.push({ field: 'dryRun', message: 'true or false.' });
  }
  let mapping: MappingInstruction[] | null = null;
  const given = body.mappingInstructions;
  if (given !== undefined && given !== null) {
    if (!Array.isArray(given) || given.length === 0 || given.length > MAX_INSTRUCTIONS) {
      errors.push({
        field: 'mappingInstructions',
        message: `1 to ${MAX_INSTRUCTIONS} instructions.`,
      });
    } else {
      mapping = given.map((item: unknown, index) => {
        const { sourceElementId: from, targetElementId: to } = (item ?? {}) as Record<
          string,
          unknown
        >;
        if (typeof from !== 'string' || !ELEMENT_ID.test(from)) {
          errors.push({
            field: `mappingInstructions[${index}].sourceElementId`,
            message: 'An element id.',
          });
        }
        if (typeof to !== 'string' || !ELEMENT_ID.test(to)) {
          errors.push({
            field: `mappingInstructions[${index}].targetElementId`,
            message: 'An element id.',
          });
        }
        return { sourceElementId: String(from), targetElementId: String(to) };
      });
    }
  }
  if (errors.length > 0) throw invalidInput(errors);
  return {
    sourceProcessDefinitionKey: source as string,
    targetProcessDefinitionKey: target as string,
    mappingInstructions: mapping,
    dryRun: body.dryRun === true,
  };
}

/**
 * `POST /modeler/migrations`: moves the running demands of one process version to another, as
 * Camunda 8.8's process instance migration does, or (dry run) shows what that would do.
 */
export function migrationRouter(options: MigrationRoutesOptions): Router {
  const { knex, guards } = options;
  const router = Router();

  const migrate = async (req: Request, res: Response) => {
    const input = parseMigrationRequest((req.body ?? {}) as Record<string, unknown>);
    noteAudit(res, {
      entityId: input.sourceProcessDefinitionKey,
      details: {
        targetProcessDefinitionKey: input.targetProcessDefinitionKey,
        dryRun: input.dryRun,
      },
    });
    if (!options.engines) throw engineUnavailable();
    const { modeler, migration } = options.engines;
    const mapping =
      input.mappingInstructions ??
      (await sameIdMapping(
        await modeler.processXml(input.sourceProcessDefinitionKey),
        await modeler.processXml(input.targetProcessDefinitionKey),
      ));
    if (input.dryRun) {
      const instances = await planMigration(
        knex,
        migration,
        input.sourceProcessDefinitionKey,
        mapping,
      );
      res.json({ mappingInstructions: mapping, instances });
      return;
    }
    const outcome = await migrateInstances(
      knex,
      migration,
      input.sourceProcessDefinitionKey,
      input.targetProcessDefinitionKey,
      mapping,
    );
    noteAudit(res, {
      details: { migrated: outcome.migrated.length, refused: outcome.refused.length },
    });
    res.json({ mappingInstructions: mapping, ...outcome });
  };

  route(router, '/modeler/migrations/proposal', {
    get: [
      guards.requireStaff,
      requireProcessOwner,
      async (req: Request, res: Response) => {
        const { sourceProcessDefinitionKey: source, targetProcessDefinitionKey: target } =
          req.query;
        const errors = checkVersions(source, target);
        if (errors.length > 0) throw invalidInput(errors);
        if (!options.engines) throw engineUnavailable();
        const { modeler } = options.engines;
        res.json(
          await proposeMapping(
            await modeler.processXml(source as string),
            await modeler.processXml(target as string),
          ),
        );
      },
    ],
  });

  route(router, '/modeler/migrations', {
    post: [
      auditAs('process.migrate', 'process_model'),
      guards.requireStaff,
      guards.requireCsrf,
      requireProcessOwner,
      ...jsonBody(options.jsonBodyLimit),
      migrate,
    ],
  });
  return router;
}
