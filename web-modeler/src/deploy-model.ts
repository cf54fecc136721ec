import { ref, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { ElMessage, ElMessageBox } from 'element-plus';
import {
  ApiError,
  deploy,
  type DeployedProcess,
  type Deployment,
  type ProcessVersion,
} from './api/modeler';

/** What deploying needs of the editor (BpmnEditor's exposed methods). */
export interface DeployableEditor {
  xml(): Promise<string>;
  markRefused(elementId: string, message: string): boolean;
  clearRefusals(): void;
}

/**
 * Deploying the open model as a new version: asks first (warning when the linter found
 * errors; the engine decides), reports the new version, or shows the engine's refusal beside
 * each element it names.
 */
export function useDeployment(editor: Ref<DeployableEditor | undefined>) {
  const { t } = useI18n();
  const deploying = ref(false);

  async function confirmed(name: string, errorCount: number): Promise<boolean> {
    const question =
      errorCount > 0
        ? t('deployWithErrors', { count: errorCount, name })
        : t('deployConfirm', { name });
    try {
      await ElMessageBox.confirm(question, t('deployTitle'), {
        confirmButtonText: t('confirm'),
        cancelButtonText: t('cancel'),
        type: errorCount > 0 ? 'warning' : 'info',
      });
      return true;
    } catch {
      return false;
    }
  }

  /** Resolves with the deployment, or undefined when cancelled or refused (already shown). */
  async function deployModel(
    process: DeployedProcess,
    version: ProcessVersion | null,
    errorCount: number,
  ): Promise<Deployment | undefined> {
    const name = process.name ?? process.processDefinitionId;
    if (!editor.value || !(await confirmed(name, errorCount))) return undefined;
    deploying.value = true;
    editor.value.clearRefusals();
    try {
      const resourceName = version?.resourceName ?? `${process.processDefinitionId}.bpmn`;
      const deployed = await deploy(resourceName, await editor.value.xml());
      const mine = deployed.processes.find(
        (p) => p.processDefinitionId === process.processDefinitionId,
      );
      ElMessage.success({
        message: t('deployed', {
          id: process.processDefinitionId,
          version: mine?.version ?? '?',
        }),
        duration: 6000,
      });
      return deployed;
    } catch (error) {
      const problem = error instanceof ApiError ? error.problem : undefined;
      const message = problem?.detail ?? (error as Error).message;
      const marked = (problem?.errors ?? []).filter((e) =>
        editor.value!.markRefused(e.field, e.message),
      );
      ElMessage.error({
        message: t('deployRefused', { message }),
        duration: marked.length > 0 ? 8000 : 0,
        showClose: true,
      });
      return undefined;
    } finally {
      deploying.value = false;
    }
  }

  return { deploying, deployModel };
}
