import { i18n } from '../i18n';

const UNLABELLED = '.el-pagination__sizes input:not([aria-label])';

/**
 * Element Plus's pagination renders its page-size chooser as a select without a label and
 * offers no prop to give it one, so a screen reader announces a bare "combobox". Every
 * pagination of the app gets the label here, once its chooser appears, in the current language.
 */
export function labelPageSizeSelects(root: HTMLElement = document.body): MutationObserver {
  const label = () => i18n.global.t('common.pageSize');
  const apply = () => {
    for (const input of root.querySelectorAll<HTMLInputElement>(UNLABELLED)) {
      input.setAttribute('aria-label', label());
    }
  };
  const observer = new MutationObserver(apply);
  observer.observe(root, { childList: true, subtree: true });
  apply();
  return observer;
}
