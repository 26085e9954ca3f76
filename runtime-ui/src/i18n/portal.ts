/** UI text of the dealer portal, in zh-CN and en. */
export const portal = {
  'zh-CN': {
    welcome: '欢迎，{{name}}',
    subtitle: '经销商门户：您的授权、资质与订单',
    viewAll: '查看全部',
    empty: '暂无记录',
    expiring: '即将到期',
    expired: '已过期',
    loadFailed: '无法加载',
    noLists: '暂无可显示的内容',
  },
  en: {
    welcome: 'Welcome, {{name}}',
    subtitle: 'Dealer portal: your authorizations, qualifications and orders',
    viewAll: 'View all',
    empty: 'No records',
    expiring: 'Expiring soon',
    expired: 'Expired',
    loadFailed: 'Could not load',
    noLists: 'Nothing to show yet',
  },
};
