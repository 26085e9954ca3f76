/** UI text of the list area, in zh-CN and en. */
export const list = {
  'zh-CN': {},
  en: {},
};
