/** UI text of plugin query pages (e.g. "who may sell"), in zh-CN and en. */
export const pages = {
  'zh-CN': {
    run: '查询',
    required: '请填写{{label}}',
    chooseFirst: '请先选择{{label}}',
    askFirst: '填写条件后点击「查询」',
    noRows: '没有结果',
    yes: '是',
    no: '否',
    failed: '查询失败',
  },
  en: {
    run: 'Search',
    required: '{{label}} is required',
    chooseFirst: 'Choose the {{label}} first',
    askFirst: 'Fill in the conditions and press Search',
    noRows: 'No results',
    yes: 'Yes',
    no: 'No',
    failed: 'The search failed',
  },
};
