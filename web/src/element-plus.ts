import {
  ElAlert,
  ElAside,
  ElButton,
  ElCard,
  ElConfigProvider,
  ElContainer,
  ElForm,
  ElFormItem,
  ElHeader,
  ElInput,
  ElLoading,
  ElMain,
  ElMenu,
  ElMenuItem,
  ElOption,
  ElSelect,
} from 'element-plus';
import type { App } from 'vue';

/**
 * The Element Plus components every page's frame uses (shell, menu, login, forms, alerts),
 * registered for all templates. Any other component is imported by the page part that shows
 * it, so it ships in that route's chunk instead of the main one (the whole library registered
 * here made the main chunk over 1 MB, loaded before any page could draw).
 */
const SHARED = [
  ElAlert,
  ElAside,
  ElButton,
  ElCard,
  ElConfigProvider,
  ElContainer,
  ElForm,
  ElFormItem,
  ElHeader,
  ElInput,
  ElMain,
  ElMenu,
  ElMenuItem,
  ElOption,
  ElSelect,
];

export function useSharedElements(app: App): void {
  for (const component of SHARED) app.use(component);
  // v-loading on tables and panels.
  app.use(ElLoading);
}
