import { ref, type Ref } from 'vue';
import { formSchema, listForms, type FormModel } from './api/modeler';
import { useResourceDeployment } from './deploy-resource';

export type FormModelVersion = FormModel['versions'][number];

/** What the forms tab needs of the form editor (FormEditorPane's exposed methods). */
export interface FormEditorLike {
  open(schema: Record<string, unknown>): Promise<void>;
  content(): Promise<string>;
}

/**
 * The forms tab: the deployed forms, the one open in the form editor, and deploying it as the
 * next version under its file name (then shown as open).
 */
export function useForms(editor: Ref<FormEditorLike | undefined>) {
  const forms = ref<FormModel[]>([]);
  const openForm = ref<FormModel | null>(null);
  const openFormVersion = ref<FormModelVersion | null>(null);
  const { deployingResource, deployResource } = useResourceDeployment();

  async function refresh(): Promise<void> {
    forms.value = await listForms();
  }

  async function open(model: FormModel, version: FormModelVersion): Promise<void> {
    const schema = await formSchema(version.key);
    openForm.value = model;
    openFormVersion.value = version;
    await editor.value!.open(schema);
  }

  async function deployOpen(): Promise<void> {
    const model = openForm.value;
    if (!model || !editor.value) return;
    const deployed = await deployResource({
      name: model.formId,
      id: model.formId,
      fileName: openFormVersion.value?.resourceName ?? `${model.formId}.form`,
      content: () => editor.value!.content(),
      versionIn: (d) => d.forms.find((f) => f.formId === model.formId)?.version,
    });
    if (!deployed) return;
    await refresh();
    const now = forms.value.find((f) => f.formId === model.formId);
    const key = deployed.forms.find((f) => f.formId === model.formId)?.key;
    const version = now?.versions.find((v) => v.key === key);
    if (now && version) {
      openForm.value = now;
      openFormVersion.value = version;
    }
  }

  return {
    forms,
    openForm,
    openFormVersion,
    deployingForm: deployingResource,
    refreshForms: refresh,
    openFormModel: open,
    deployOpenForm: deployOpen,
  };
}
