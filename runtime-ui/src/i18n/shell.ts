/** UI text of the shell (login, navigation, search, home), in zh-CN and en. */
export const shell = {
  'zh-CN': {
    appName: '渠道',
    loading: '加载中…',
    notFound: '未找到',
    notFoundDetail: '该页面或记录不存在，或您无权查看。',
    backHome: '返回首页',
    error: '出错了',
  },
  en: {
    appName: 'Qudao',
    loading: 'Loading…',
    notFound: 'Not found',
    notFoundDetail: 'This page or record does not exist, or you may not see it.',
    backHome: 'Back to home',
    error: 'Something went wrong',
  },
};
