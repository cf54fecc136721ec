import { Router } from 'express';
import type { RestContext } from '../context';
import type { SearchSpec } from './search-query';
import { findByKey, keyParam, searchHandler, type Row } from './search-route';

const FORMS: SearchSpec = {
  from: `(SELECT f.key, f.form_id, f.version, f.resource_name, f.tenant_id, f.schema,
            f.version = max(f.version) OVER (PARTITION BY f.form_id, f.tenant_id) AS is_latest
          FROM engine.forms f) s`,
  key: 'key',
  fields: {
    formKey: { column: 'key', kind: 'key' },
    formId: { column: 'form_id', kind: 'string' },
    version: { column: 'version', kind: 'number' },
    resourceName: { column: 'resource_name', kind: 'string' },
    tenantId: { column: 'tenant_id', kind: 'string' },
    isLatestVersion: { column: 'is_latest', kind: 'boolean' },
  },
};

/** Camunda's FormResult, without the schema (a search lists, `GET /v2/forms/{key}` serves). */
function formItem(row: Row) {
  return {
    formKey: row.key,
    formId: row.form_id,
    version: row.version,
    resourceName: row.resource_name,
    tenantId: row.tenant_id,
  };
}

/**
 * `GET /v2/forms/{formKey}`: a deployed form by key, as Camunda's FormResult (`formKey`,
 * `formId`, `version`, `tenantId` and the form's JSON as `schema`), from the exported search
 * tables.
 */
export function formsRouter(context: RestContext): Router {
  const router = Router();
  router.get('/forms/:formKey', async (req, res) => {
    const key = keyParam(req, res, 'formKey');
    if (key === undefined) return;
    const row = await findByKey(context, req, res, FORMS, 'Form', key);
    if (!row) return;
    res.json({
      formKey: row.key,
      formId: row.form_id,
      version: row.version,
      tenantId: row.tenant_id,
      schema: JSON.parse(row.schema as string) as unknown,
    });
  });
  return router;
}

/**
 * `POST /engine/v1/forms/search` (the engine's own API: Camunda 8.8 has no form search):
 * the deployed forms, filtered, sorted and paged as Camunda's searches are.
 */
export function formSearchRouter(context: RestContext): Router {
  const router = Router();
  router.post('/forms/search', searchHandler(context, FORMS, formItem));
  return router;
}
