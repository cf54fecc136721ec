import { createApp } from 'vue';
import ElementPlus from 'element-plus';
import 'element-plus/dist/index.css';
import '../../web/src/styles/theme.css';
import App from './App.vue';
import { i18n } from './i18n';

createApp(App).use(i18n).use(ElementPlus).mount('#app');
