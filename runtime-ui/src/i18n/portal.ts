/** UI text of the portal area, in zh-CN and en. */
export const portal = {
  'zh-CN': {},
  en: {},
};
