type Item = Record<string, unknown>;
const str = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);

export interface DeployedResource {
  processDefinitionId: string;
  version: number;
  key: string;
  resourceName: string | null;
}

/** A decision deployed by a deployment (from its DecisionDefinitionDeployment). */
export interface DeployedDecisionResource {
  decisionDefinitionId: string;
  decisionRequirementsId: string;
  version: number;
  key: string;
}

/** What a deployment made: the new versions of processes, decisions and forms. */
export interface Deployment {
  deploymentKey: string;
  processes: DeployedResource[];
  decisions: DeployedDecisionResource[];
  forms: Array<{ formId: string; version: number; key: string }>;
}

/** The versions a deployment made (Camunda 8.8's DeploymentResult, as far as shown). */
export function deploymentOf(answer: Item): Deployment {
  const deployments = (answer.deployments ?? []) as Array<{
    processDefinition?: Item;
    decisionDefinition?: Item;
    form?: Item;
  }>;
  const all = <T>(pick: (d: (typeof deployments)[number]) => T | undefined): T[] =>
    deployments.flatMap((d) => {
      const found = pick(d);
      return found === undefined ? [] : [found];
    });
  return {
    deploymentKey: String(answer.deploymentKey),
    processes: all(
      ({ processDefinition: p }) =>
        p && {
          processDefinitionId: String(p.processDefinitionId),
          version: Number(p.processDefinitionVersion),
          key: String(p.processDefinitionKey),
          resourceName: str(p.resourceName),
        },
    ),
    decisions: all(
      ({ decisionDefinition: d }) =>
        d && {
          decisionDefinitionId: String(d.decisionDefinitionId),
          decisionRequirementsId: String(d.decisionRequirementsId),
          version: Number(d.version),
          key: String(d.decisionDefinitionKey),
        },
    ),
    forms: all(
      ({ form: f }) =>
        f && { formId: String(f.formId), version: Number(f.version), key: String(f.formKey) },
    ),
  };
}
