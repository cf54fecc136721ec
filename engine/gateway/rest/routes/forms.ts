import { Router } from 'express';
import type { RestContext } from '../context';
import type { SearchSpec } from './search-query';
import { findByKey, keyParam } from './search-route';

const FORMS: SearchSpec = {
  from: `(SELECT f.key, f.form_id, f.version, f.tenant_id, f.schema FROM engine.forms f) s`,
  key: 'key',
  fields: {},
};

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
