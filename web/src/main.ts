import { createApp } from 'vue';
import 'element-plus/dist/index.css';
import './styles/theme.css';
import App from './App.vue';
import { labelPageSizeSelects } from './a11y/label-page-size-selects';
import { useSharedElements } from './element-plus';
import { i18n } from './i18n';
import { router } from './router';

const app = createApp(App).use(i18n).use(router);
useSharedElements(app);
app.mount('#app');
labelPageSizeSelects();
