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

function item(row: Row, truncate: boolean) {
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
    return searchHandler(context, VARIABLES, (row) => item(row, truncate))(req, res, next);
  });
  router.get('/variables/:variableKey', async (req, res) => {
    const key = keyParam(req, res, 'variableKey');
    if (key === undefined) return;
    const row = await findByKey(context, req, res, VARIABLES, 'Variable', key);
    if (row) res.json(item(row, false));
  });
  return router;
}
