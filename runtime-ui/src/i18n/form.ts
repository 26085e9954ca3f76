/** UI text of the form area, in zh-CN and en. */
export const form = {
  'zh-CN': {},
  en: {},
};
