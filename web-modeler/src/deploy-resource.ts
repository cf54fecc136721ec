import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { ElMessage, ElMessageBox } from 'element-plus';
import { ApiError, deploy, type DecisionModel, type Deployment } from './api/modeler';

/** The file a DMN model is deployed as: named after its (first) decision, as processes/ does. */
export function decisionFileName(model: DecisionModel): string {
  const decisionId = model.versions[0]?.decisions[0]?.decisionDefinitionId;
  return `${decisionId ?? model.decisionRequirementsId}.dmn`;
}

/** A decision or form model to deploy as the next version of `id`. */
export interface DeployableResource {
  /** Shown in the question and the message. */
  name: string;
  id: string;
  fileName: string;
  content(): Promise<string>;
  /** The version the deployment made of it. */
  versionIn(deployment: Deployment): number | undefined;
}

/**
 * Deploying an open DMN or form model as a new version: asks first, reports the new version
 * or the engine's refusal (the DMN and form editors have no element overlays to mark).
 */
export function useResourceDeployment() {
  const { t } = useI18n();
  const deploying = ref(false);

  async function deployResource(resource: DeployableResource): Promise<Deployment | undefined> {
    try {
      await ElMessageBox.confirm(
        t('deployResourceConfirm', { name: resource.name }),
        t('deployTitle'),
        { confirmButtonText: t('confirm'), cancelButtonText: t('cancel'), type: 'info' },
      );
    } catch {
      return undefined;
    }
    deploying.value = true;
    try {
      const deployed = await deploy(resource.fileName, await resource.content());
      ElMessage.success({
        message: t('deployed', { id: resource.id, version: resource.versionIn(deployed) ?? '?' }),
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

  return { deployingResource: deploying, deployResource };
}
