import { useI18n } from 'vue-i18n';

/** The text of a code (category, domain, status, …); the code itself when no text is known. */
export function useCodeLabel() {
  const { t, te } = useI18n();
  return (kind: string, code: string | null | undefined): string => {
    if (!code) return '—';
    const key = `codes.${kind}.${code}`;
    return te(key) ? t(key) : code;
  };
}
