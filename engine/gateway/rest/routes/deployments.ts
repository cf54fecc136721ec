import express, { Router, type Request } from 'express';
import type { RestContext } from '../context';
import { invalidArgument, problem, sendProblem, sendRejection } from '../problem';

/** Zeebe's maximum message size bounds a deployment. */
const MAX_DEPLOYMENT_BYTES = '5mb';

/**
 * Reads a multipart/form-data body with the platform's own parser (the WHATWG Fetch
 * `Response#formData`), so the gateway needs no multipart dependency.
 */
async function formData(req: Request): Promise<FormData> {
  const body = req.body as Buffer;
  return new Response(new Uint8Array(body), {
    headers: { 'content-type': req.get('content-type') ?? '' },
  }).formData();
}

/**
 * `POST /v2/deployments`: multipart/form-data with one or more `resources` files and an
 * optional `tenantId`. Answers `{deploymentKey, tenantId, deployments: [{processDefinition}
 * | {form}]}` as Camunda 8.8 does.
 */
export function deploymentsRouter(context: RestContext): Router {
  const router = Router();
  router.post(
    '/deployments',
    express.raw({ type: 'multipart/form-data', limit: MAX_DEPLOYMENT_BYTES }),
    async (req, res) => {
      if (!req.is('multipart/form-data')) {
        return sendProblem(
          res,
          problem(
            415,
            'Unsupported Media Type',
            `Content-Type '${req.get('content-type') ?? ''}' is not supported. Supported: 'multipart/form-data'.`,
            req.originalUrl,
          ),
        );
      }
      let form: FormData;
      try {
        form = await formData(req);
      } catch {
        return invalidArgument(req, res, 'The multipart request could not be read.');
      }
      const files = form.getAll('resources').filter((entry) => typeof entry !== 'string');
      if (files.length === 0) return invalidArgument(req, res, 'No resources provided.');
      const tenant = form.get('tenantId');
      const resources = await Promise.all(
        files.map(async (file) => ({
          name: file.name,
          content: Buffer.from(await file.arrayBuffer()),
        })),
      );
      const result = await context.service.deploy(
        resources,
        typeof tenant === 'string' ? tenant : '',
      );
      if (!result.ok) return sendRejection(req, res, result);
      const deployed = result.value;
      res.json({
        deploymentKey: deployed.key,
        tenantId: deployed.tenantId,
        deployments: [
          ...deployed.processes.map((p) => ({
            processDefinition: {
              processDefinitionId: p.bpmnProcessId,
              processDefinitionVersion: p.version,
              resourceName: p.resourceName,
              tenantId: p.tenantId,
              processDefinitionKey: p.processDefinitionKey,
            },
          })),
          ...deployed.forms.map((f) => ({
            form: {
              formId: f.formId,
              version: f.version,
              resourceName: f.resourceName,
              tenantId: f.tenantId,
              formKey: f.formKey,
            },
          })),
          ...(deployed.decisions ?? []).map((d) => ({
            decisionDefinition: {
              decisionDefinitionId: d.dmnDecisionId,
              version: d.version,
              name: d.dmnDecisionName,
              tenantId: d.tenantId,
              decisionRequirementsId: d.dmnDecisionRequirementsId,
              decisionDefinitionKey: d.decisionKey,
              decisionRequirementsKey: d.decisionRequirementsKey,
            },
          })),
          ...(deployed.decisionRequirements ?? []).map((r) => ({
            decisionRequirements: {
              decisionRequirementsId: r.dmnDecisionRequirementsId,
              decisionRequirementsName: r.dmnDecisionRequirementsName,
              version: r.version,
              resourceName: r.resourceName,
              tenantId: r.tenantId,
              decisionRequirementsKey: r.decisionRequirementsKey,
            },
          })),
        ],
      });
    },
  );
  return router;
}
