import { createApp } from 'vue';
import ElementPlus from 'element-plus';
import 'element-plus/dist/index.css';
import '@bpmn-io/form-js/dist/assets/form-js.css';
import './styles/theme.css';
import App from './App.vue';
import { labelPageSizeSelects } from './a11y/label-page-size-selects';
import { i18n } from './i18n';
import { router } from './router';

createApp(App).use(i18n).use(router).use(ElementPlus).mount('#app');
labelPageSizeSelects();
