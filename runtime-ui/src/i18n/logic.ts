/** UI text of the visual condition builder (runtime-ui's list filter, the studio's JsonLogic editor), in zh-CN and en. */
export const logic = {
  'zh-CN': {
    yes: '是',
    no: '否',
    operators: {
      '=': '等于', '!=': '不等于', '<': '小于', '>': '大于', '<=': '小于等于', '>=': '大于等于',
      contains: '包含', doesNotContain: '不包含', in: '属于', notIn: '不属于',
      between: '介于', notBetween: '不介于', null: '为空', notNull: '不为空',
    },
    builder: {
      addRule: '添加条件', addGroup: '添加条件组', removeRule: '删除', removeGroup: '删除组',
      and: '并且', or: '或者', not: '非', fields: '字段', operators: '运算符', value: '值',
    },
  },
  en: {
    yes: 'Yes',
    no: 'No',
    operators: {
      '=': 'equals', '!=': 'does not equal', '<': 'less than', '>': 'greater than', '<=': 'at most', '>=': 'at least',
      contains: 'contains', doesNotContain: 'does not contain', in: 'is one of', notIn: 'is not one of',
      between: 'between', notBetween: 'not between', null: 'is empty', notNull: 'is not empty',
    },
    builder: {
      addRule: 'Add condition', addGroup: 'Add group', removeRule: 'Remove', removeGroup: 'Remove group',
      and: 'AND', or: 'OR', not: 'NOT', fields: 'Field', operators: 'Operator', value: 'Value',
    },
  },
};
