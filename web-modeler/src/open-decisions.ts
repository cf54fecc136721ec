import { computed, ref, type Ref } from 'vue';
import { decisionXml, listDecisions, type DecisionModel } from './api/modeler';
import { decisionFileName, useResourceDeployment } from './deploy-resource';

export type DecisionModelVersion = DecisionModel['versions'][number];

/** What the decisions tab needs of the DMN editor (DmnEditor's exposed methods). */
export interface DecisionEditor {
  open(xml: string, decisionId?: string): Promise<void>;
  xml(): Promise<string>;
}

/**
 * The decisions tab: the deployed DMN models, the one open in the DMN editor, and deploying
 * it as the next version (then shown as open).
 */
export function useDecisions(editor: Ref<DecisionEditor | undefined>) {
  const decisions = ref<DecisionModel[]>([]);
  const openModel = ref<DecisionModel | null>(null);
  const openVersion = ref<DecisionModelVersion | null>(null);
  const openKey = computed(() => openVersion.value?.decisions[0]?.key ?? null);
  const { deployingResource, deployResource } = useResourceDeployment();

  async function refresh(): Promise<void> {
    decisions.value = await listDecisions();
  }

  async function open(model: DecisionModel, version: DecisionModelVersion): Promise<void> {
    const first = version.decisions[0];
    if (!first) return;
    const xml = await decisionXml(first.key);
    openModel.value = model;
    openVersion.value = version;
    await editor.value!.open(xml, first.decisionDefinitionId);
  }

  async function deployOpen(): Promise<void> {
    const model = openModel.value;
    if (!model || !editor.value) return;
    const deployed = await deployResource({
      name: model.name ?? model.decisionRequirementsId,
      id: model.decisionRequirementsId,
      fileName: decisionFileName(model),
      content: () => editor.value!.xml(),
      versionIn: (d) => d.decisions[0]?.version,
    });
    if (!deployed) return;
    await refresh();
    const id = model.decisionRequirementsId;
    const now = decisions.value.find((d) => d.decisionRequirementsId === id);
    const key = deployed.decisions[0]?.key;
    const version = now?.versions.find((v) => v.decisions.some((d) => d.key === key));
    if (now && version) {
      openModel.value = now;
      openVersion.value = version;
    }
  }

  return {
    decisions,
    openDecision: openModel,
    openDecisionVersion: openVersion,
    openDecisionKey: openKey,
    deployingDecision: deployingResource,
    refreshDecisions: refresh,
    openDecisionModel: open,
    deployOpenDecision: deployOpen,
  };
}
