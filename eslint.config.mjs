import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import pluginVue from 'eslint-plugin-vue';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'data/',
      'coverage/',
      'scratch/',
      'web/dist/',
      'web/.dist-*/',
      'web-modeler/dist/',
      'web-modeler/.dist-*/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // The web app's single-file components: Vue's rules, TypeScript inside <script lang="ts">.
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['web/**/*.vue', 'web-modeler/**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
    // vue-tsc checks names (browser globals included); the core rule knows no DOM.
    rules: { 'no-undef': 'off' },
  },
  prettier,
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        module: 'writable',
        require: 'readonly',
        process: 'readonly',
        __dirname: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': 'off',
    },
  },
);
