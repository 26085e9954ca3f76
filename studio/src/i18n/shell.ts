/** UI text of the studio's frame (login, navigation, the 403 page), in zh-CN and en. */
export const shell = {
  'zh-CN': {
    appName: '渠道设计器',
    appTagline: '对象、字段与部署',
    language: '语言',
    languages: { 'zh-CN': '中文', en: 'English' },
    logout: '退出',
    nav: { objects: '对象', er: '关系图', plugins: '插件', permissions: '权限', layouts: '布局', workflows: '流程', rules: '规则' },
    login: {
      username: '用户名',
      password: '密码',
      submit: '登录',
      usernameRequired: '请输入用户名',
      passwordRequired: '请输入密码',
      failed: '登录失败',
    },
    forbidden: { title: '无权访问设计器', detail: '设计器需要 deploy（部署）权限，请联系管理员。', runtime: '前往业务应用' },
    notFound: '未找到',
  },
  en: {
    appName: 'Qudao Studio',
    appTagline: 'Objects, fields and deploys',
    language: 'Language',
    languages: { 'zh-CN': '中文', en: 'English' },
    logout: 'Sign out',
    nav: { objects: 'Objects', er: 'Relations', plugins: 'Plugins', permissions: 'Permissions', layouts: 'Layouts', workflows: 'Workflows', rules: 'Rules' },
    login: {
      username: 'Username',
      password: 'Password',
      submit: 'Sign in',
      usernameRequired: 'Enter your username',
      passwordRequired: 'Enter your password',
      failed: 'Sign-in failed',
    },
    forbidden: { title: 'No access to the studio', detail: 'The studio needs the deploy right; ask an administrator.', runtime: 'Go to the app' },
    notFound: 'Not found',
  },
};
