import { Router } from 'express';
import type { RestContext } from '../context';
import type { SearchSpec } from './search-query';
import { findByKey, keyParam, searchHandler, type Row } from './search-route';

/** Camunda truncates long values in search results (`isTruncated`); get returns them whole. */
const TRUNCATE_AT = 8191;

const VARIABLES: SearchSpec = {
  from: 'engine.variables s',
  key: 'key',
  fields: {
    variableKey: { column: 'key', kind: 'key' },
    name: { column: 'name', kind: 'string' },
    value: { column: 'value', kind: 'string' },
    scopeKey: { column: 'scope_key', kind: 'key' },
    processInstanceKey: { column: 'process_instance_key', kind: 'key' },
    tenantId: { column: 'tenant_id', kind: 'string' },
  },
};

/**
 * The variables visible to a user task (`POST /v2/user-tasks/{key}/variables/search`, as
 * Camunda 8.8 answers it): those of its element instance and of every flow scope above it up
 * to the process instance, each scope's own; a name set in several scopes comes once per scope.
 */
export function visibleVariables(elementInstanceKey: string): SearchSpec {
  if (!/^\d{1,19}$/.test(elementInstanceKey)) throw new Error('not an element instance key');
  return {
    ...VARIABLES,
    from: `(WITH RECURSIVE chain AS (
              SELECT e.key, e.flow_scope_key FROM engine.element_instances e
              WHERE e.key = ${elementInstanceKey}
              UNION ALL
              SELECT p.key, p.flow_scope_key FROM engine.element_instances p
              JOIN chain c ON p.key = c.flow_scope_key)
            SELECT v.* FROM engine.variables v WHERE v.scope_key IN (SELECT key FROM chain)) s`,
  };
}

/** Camunda's VariableResult; values longer than TRUNCATE_AT cut when `truncate`. */
export function variableItem(row: Row, truncate: boolean) {
  const value = String(row.value);
  const isTruncated = truncate && value.length > TRUNCATE_AT;
  return {
    variableKey: row.key,
    name: row.name,
    value: isTruncated ? value.slice(0, TRUNCATE_AT) : value,
    isTruncated,
    scopeKey: row.scope_key,
    processInstanceKey: row.process_instance_key,
    tenantId: row.tenant_id,
  };
}

/** `POST /v2/variables/search` (values as JSON text), `GET /v2/variables/{key}`. */
export function variablesRouter(context: RestContext): Router {
  const router = Router();
  router.post('/variables/search', (req, res, next) => {
    const truncate = req.query.truncateValues !== 'false';
    return searchHandler(context, VARIABLES, (row) => variableItem(row, truncate))(req, res, next);
  });
  router.get('/variables/:variableKey', async (req, res) => {
    const key = keyParam(req, res, 'variableKey');
    if (key === undefined) return;
    const row = await findByKey(context, req, res, VARIABLES, 'Variable', key);
    if (row) res.json(variableItem(row, false));
  });
  return router;
}
