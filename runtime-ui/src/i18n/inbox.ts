/** UI text of the inbox area, in zh-CN and en. */
export const inbox = {
  'zh-CN': {},
  en: {},
};
