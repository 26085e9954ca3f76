/** UI text of the entity-relationship view, in zh-CN and en. */
export const er = {
  'zh-CN': {
    title: '关系图',
    focus: '只看某个对象及其关联对象',
    legend: '实线：主从；虚线：查找',
    masterDetail: '主从',
    moreFields_other: '另有 {{count}} 个字段',
  },
  en: {
    title: 'Relations',
    focus: 'Show one object and its neighbours',
    legend: 'Solid: master-detail; dashed: lookup',
    masterDetail: 'master-detail',
    moreFields_one: '{{count}} more field',
    moreFields_other: '{{count}} more fields',
  },
};
