import { createI18n } from 'vue-i18n';

const zhCN = {
  title: '流程建模',
  back: '返回工作台',
  language: '语言',
  processes: '流程',
  versions: '版本',
  version: '版本 {version}',
  noProcesses: '引擎中还没有已部署的流程。',
  pickProcess: '请在左侧选择一个流程。',
  loading: '加载中…',
  problems: '问题',
  noProblems: '未发现问题。',
  severity: { error: '错误', warn: '警告', info: '提示', 'rule-error': '规则出错' },
  deploy: '部署',
  deployConfirm: '将“{name}”部署为新版本？新发起的诉求将使用新版本，运行中的诉求不受影响。',
  deployWithErrors:
    '检查发现 {count} 个错误。引擎可能拒绝此模型，仍要部署“{name}”吗？新发起的诉求将使用新版本。',
  deployTitle: '确认部署',
  deployed: '已部署：{id} 版本 {version}',
  deployRefused: '引擎拒绝部署：{message}',
  confirm: '部署',
  cancel: '取消',
  compare: '比较',
  compareTitle: '版本比较',
  compareHint: '选择两个版本进行比较',
  compareWith: '与版本 {version} 比较',
  older: '旧版本',
  newer: '新版本',
  changes: '变更',
  noChanges: '两个版本的模型相同（布局除外）。',
  change: { added: '新增', removed: '删除', changed: '修改', layout: '布局' },
  element: '元素',
  kind: '变更类型',
  details: '内容',
  forbidden: '流程建模仅限流程负责人使用。',
  loadFailed: '加载失败：{message}',
  unsupported: '决策（DMN）和表单的建模尚未提供。',
  migrate: '迁移运行中的实例…',
  migration: {
    title: '迁移运行中的实例',
    from: '把版本 {version} 上运行中的诉求迁移到：',
    target: '目标版本',
    preview: '预演：{n} 个运行中的实例，其中 {refused} 个将被拒绝。',
    mapped: '按相同的元素 ID 和类型对应了 {n} 个元素。',
    demand: '诉求',
    waitsAt: '当前步骤',
    outcome: '预演结果',
    ok: '可以迁移',
    reason: '原因',
    confirm: '确认迁移',
    close: '关闭',
    done: '已迁移 {migrated} 个，拒绝 {refused} 个。',
    failed: '操作失败：{message}',
  },
};

type Messages = typeof zhCN;

const en: Messages = {
  title: 'Process modeler',
  back: 'Back to the workbench',
  language: 'Language',
  processes: 'Processes',
  versions: 'Versions',
  version: 'Version {version}',
  noProcesses: 'The engine has no deployed processes yet.',
  pickProcess: 'Choose a process on the left.',
  loading: 'Loading…',
  problems: 'Problems',
  noProblems: 'No problems found.',
  severity: { error: 'Error', warn: 'Warning', info: 'Info', 'rule-error': 'Rule failed' },
  deploy: 'Deploy',
  deployConfirm:
    'Deploy “{name}” as a new version? New demands will use it; running demands are not affected.',
  deployWithErrors:
    'The check found {count} error(s); the engine may refuse the model. Deploy “{name}” anyway? New demands will use the new version.',
  deployTitle: 'Confirm deployment',
  deployed: 'Deployed: {id} version {version}',
  deployRefused: 'The engine refused the deployment: {message}',
  confirm: 'Deploy',
  cancel: 'Cancel',
  compare: 'Compare',
  compareTitle: 'Compare versions',
  compareHint: 'Choose two versions to compare',
  compareWith: 'Compare with version {version}',
  older: 'Older version',
  newer: 'Newer version',
  changes: 'Changes',
  noChanges: 'The two versions have the same model (apart from layout).',
  change: { added: 'Added', removed: 'Removed', changed: 'Changed', layout: 'Layout' },
  element: 'Element',
  kind: 'Change',
  details: 'Details',
  forbidden: 'The process modeler is for process owners only.',
  loadFailed: 'Loading failed: {message}',
  unsupported: 'Modelling decisions (DMN) and forms is not available yet.',
  migrate: 'Migrate running instances…',
  migration: {
    title: 'Migrate running instances',
    from: 'Move the demands running on version {version} to:',
    target: 'Target version',
    preview: 'Dry run: {n} running instance(s), {refused} of them would be refused.',
    mapped: '{n} elements matched by the same id and type.',
    demand: 'Demand',
    waitsAt: 'Current step',
    outcome: 'Dry run',
    ok: 'Can be migrated',
    reason: 'Reason',
    confirm: 'Migrate',
    close: 'Close',
    done: 'Migrated {migrated}, refused {refused}.',
    failed: 'Failed: {message}',
  },
};

export type Locale = 'zh-CN' | 'en';
const STORAGE_KEY = 'minsheng.locale';

/** The same saved language as the staff app (web/src/i18n), Chinese by default. */
export const i18n = createI18n({
  legacy: false,
  locale: window.localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN',
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
});

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  window.localStorage.setItem(STORAGE_KEY, locale);
  document.documentElement.lang = locale;
}
