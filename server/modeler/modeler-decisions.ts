import { READ_NOW, type CamundaRestClient, type createEngineCall } from '../camunda';
import { definitionXml, searchAll } from './engine-reads';

/** One deployed version of a decision (Camunda 8.8's DecisionDefinitionResult). */
export interface DecisionVersion {
  key: string;
  decisionDefinitionId: string;
  name: string | null;
  version: number;
  decisionRequirementsKey: string;
}

/**
 * The deployed versions of one decision requirements graph (one .dmn file), newest first,
 * each version with the decisions it deployed.
 */
export interface DeployedDecisionModel {
  decisionRequirementsId: string;
  /** The newest version's first decision's name: a DMN file is named after its decision. */
  name: string | null;
  versions: Array<{ version: number; decisions: DecisionVersion[] }>;
}

type DecisionClient = ReturnType<CamundaRestClient['getOrchestrationClusterApiClientLoose']>;

type Item = Record<string, unknown>;
const str = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);

/** Groups decision definitions by their decision requirements id and version. */
export function groupDecisions(items: Item[]): DeployedDecisionModel[] {
  const byDrg = new Map<string, Map<number, DecisionVersion[]>>();
  for (const item of items) {
    const drgId = String(item.decisionRequirementsId ?? '');
    const versions = byDrg.get(drgId) ?? new Map<number, DecisionVersion[]>();
    const version = Number(item.version);
    const decisions = versions.get(version) ?? [];
    decisions.push({
      key: String(item.decisionDefinitionKey),
      decisionDefinitionId: String(item.decisionDefinitionId ?? ''),
      name: str(item.name),
      version,
      decisionRequirementsKey: String(item.decisionRequirementsKey),
    });
    versions.set(version, decisions);
    byDrg.set(drgId, versions);
  }
  return [...byDrg.entries()]
    .map(([decisionRequirementsId, versions]) => {
      const sorted = [...versions.entries()]
        .sort(([a], [b]) => b - a)
        .map(([version, decisions]) => ({
          version,
          decisions: decisions.sort((a, b) =>
            a.decisionDefinitionId.localeCompare(b.decisionDefinitionId),
          ),
        }));
      return {
        decisionRequirementsId,
        name: sorted[0]?.decisions[0]?.name ?? null,
        versions: sorted,
      };
    })
    .sort((a, b) => a.decisionRequirementsId.localeCompare(b.decisionRequirementsId));
}

/**
 * The deployed decisions, through Camunda 8.8's REST API (`POST
 * /v2/decision-definitions/search`, `GET /v2/decision-definitions/{key}/xml`).
 */
export function createDecisionReads(
  client: DecisionClient,
  call: ReturnType<typeof createEngineCall>,
) {
  return {
    async listDecisions(): Promise<DeployedDecisionModel[]> {
      const items = await searchAll(
        call,
        (page) => client.searchDecisionDefinitions({ page } as never, READ_NOW) as Promise<unknown>,
      );
      return groupDecisions(items);
    },

    decisionXml: (key: string): Promise<string> =>
      definitionXml(
        call,
        () =>
          client.getDecisionDefinitionXml(
            { decisionDefinitionKey: key } as never,
            READ_NOW,
          ) as Promise<unknown>,
        'decision',
        key,
      ),
  };
}
