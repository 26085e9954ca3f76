/** UI text of the record area, in zh-CN and en. */
export const record = {
  'zh-CN': {},
  en: {},
};
