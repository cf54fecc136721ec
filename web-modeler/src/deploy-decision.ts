import { ref, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { ElMessage, ElMessageBox } from 'element-plus';
import { ApiError, deploy, type DecisionModel, type Deployment } from './api/modeler';

/** The file a DMN model is deployed as: named after its (first) decision, as processes/ does. */
export function decisionFileName(model: DecisionModel): string {
  const decisionId = model.versions[0]?.decisions[0]?.decisionDefinitionId;
  return `${decisionId ?? model.decisionRequirementsId}.dmn`;
}

/**
 * Deploying the open DMN model as a new version of its decision requirements: asks first,
 * reports the new version or the engine's refusal (dmn-js has no element overlays to mark).
 */
export function useDecisionDeployment(editor: Ref<{ xml(): Promise<string> } | undefined>) {
  const { t } = useI18n();
  const deploying = ref(false);

  async function deployDecision(model: DecisionModel): Promise<Deployment | undefined> {
    const name = model.name ?? model.decisionRequirementsId;
    try {
      await ElMessageBox.confirm(t('deployDecisionConfirm', { name }), t('deployTitle'), {
        confirmButtonText: t('confirm'),
        cancelButtonText: t('cancel'),
        type: 'info',
      });
    } catch {
      return undefined;
    }
    if (!editor.value) return undefined;
    deploying.value = true;
    try {
      const deployed = await deploy(decisionFileName(model), await editor.value.xml());
      const version = deployed.decisions[0]?.version ?? '?';
      ElMessage.success({
        message: t('deployed', { id: model.decisionRequirementsId, version }),
        duration: 6000,
      });
      return deployed;
    } catch (error) {
      const problem = error instanceof ApiError ? error.problem : undefined;
      ElMessage.error({
        message: t('deployRefused', { message: problem?.detail ?? (error as Error).message }),
        duration: 0,
        showClose: true,
      });
      return undefined;
    } finally {
      deploying.value = false;
    }
  }

  return { deployingDecision: deploying, deployDecision };
}
