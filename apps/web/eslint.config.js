// @ts-check
import globals from 'globals';
import root from '../../eslint.config.js';

export default [
  ...root,
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
  },
];
