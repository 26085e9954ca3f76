/** The words a user reads when a field is refused. Fields are named by their label, never by their API name. */
import type { FieldDef, FieldType, Label, ObjectDoc } from '../../../metadata/src/types.ts';

type Words = (zh: string, en: string) => Label;

const FORMAT_WORDS: Partial<Record<FieldType, Label>> = {
  email: { 'zh-CN': '有效的邮箱地址', en: 'a valid email address' },
  phone: { 'zh-CN': '有效的电话号码（5–20 位数字，手机号为 11 位）', en: 'a valid phone number (5–20 digits; mobiles have 11)' },
  url: { 'zh-CN': '以 http:// 或 https:// 开头的网址', en: 'a URL starting with http:// or https://' },
  region: { 'zh-CN': '6 位行政区划代码', en: 'a six-digit region code (GB/T 2260)' },
  date: { 'zh-CN': 'YYYY-MM-DD 格式的有效日期', en: 'a real date as YYYY-MM-DD' },
  datetime: { 'zh-CN': '带时区的 ISO 8601 时间', en: 'an ISO 8601 date-time with an offset' },
  geo_point: { 'zh-CN': '经纬度（纬度 -90~90，经度 -180~180）', en: 'a point (lat -90..90, lng -180..180)' },
  lookup: { 'zh-CN': '记录 ID（UUID）', en: 'a record id (UUID)' },
  master_detail: { 'zh-CN': '记录 ID（UUID）', en: 'a record id (UUID)' },
  file: { 'zh-CN': '文件 ID（UUID）', en: 'a file id (UUID)' },
  image: { 'zh-CN': '图片 ID（UUID）', en: 'an image id (UUID)' },
};

const TYPE_WORDS: Partial<Record<FieldType, Label>> = {
  number: { 'zh-CN': '数字', en: 'a number' },
  percent: { 'zh-CN': '数字', en: 'a number' },
  integer: { 'zh-CN': '整数（-2147483648 至 2147483647）', en: 'a whole number (-2147483648 to 2147483647)' },
  money: { 'zh-CN': '金额（数字）', en: 'an amount (a number)' },
  boolean: { 'zh-CN': '是或否', en: 'true or false' },
  multi_picklist: { 'zh-CN': '选项列表', en: 'a list of options' },
  geo_point: { 'zh-CN': '经纬度', en: 'a point {lat, lng}' },
};

const TEXT_WORDS: Label = { 'zh-CN': '文本', en: 'text' };

/** The message of a field-level rule (`required`, `max_length`, `picklist`, ...). */
export function fieldMessage(field: FieldDef, rule: string): Label {
  const zhName = `「${field.label['zh-CN']}」`;
  const enName = field.label.en;
  const say: Words = (zh, en) => ({ 'zh-CN': `${zhName}${zh}`, en: `${enName} ${en}` });
  switch (rule) {
    case 'required': return say('为必填项', 'is required');
    case 'read_only': return say('为只读字段，不能写入', 'is read-only');
    case 'max_length': return say(`不能超过 ${field.maxLength} 个字符`, `must be at most ${field.maxLength} characters`);
    case 'min_length': return say(`不能少于 ${field.minLength} 个字符`, `must be at least ${field.minLength} characters`);
    case 'min': return say(`不能小于 ${field.min}`, `must be at least ${field.min}`);
    case 'max': return say(`不能大于 ${field.max}`, `must be at most ${field.max}`);
    case 'too_large': return say(`超出范围：整数部分最多 ${18 - (field.scale ?? 2)} 位`, `is too large: at most ${18 - (field.scale ?? 2)} digits before the decimal point`);
    case 'scale': return say(`最多保留 ${field.scale ?? 2} 位小数`, `allows at most ${field.scale ?? 2} decimal places`);
    case 'pattern': return say('格式不正确', 'does not have the expected format');
    case 'picklist': return picklistMessage(field, say);
    case 'format': return expected(FORMAT_WORDS[field.type] ?? TEXT_WORDS, say);
    default: return expected(TYPE_WORDS[field.type] ?? TEXT_WORDS, say);
  }
}

function expected(what: Label, say: Words): Label {
  return say(`应为${what['zh-CN']}`, `must be ${what.en}`);
}

function picklistMessage(field: FieldDef, say: Words): Label {
  const allowed = (field.options ?? []).filter((o) => o.active !== false);
  const zh = allowed.map((o) => `${o.label['zh-CN']}（${o.value}）`).join('、');
  const en = allowed.map((o) => o.value).join(', ');
  return say(`的值必须是以下之一：${zh}`, `must be one of: ${en}`);
}

export function unknownFieldMessage(key: string, object: ObjectDoc): Label {
  return {
    'zh-CN': `「${key}」不是「${object.label['zh-CN']}」的字段`,
    en: `${key} is not a field of ${object.label.en}`,
  };
}

export function systemFieldMessage(key: string): Label {
  return { 'zh-CN': `「${key}」为系统字段，不能写入`, en: `${key} is a system field and is read-only` };
}

export const NOT_AN_OBJECT_MESSAGE: Label = {
  'zh-CN': '请求体必须是 JSON 对象',
  en: 'The request body must be a JSON object',
};

export function ruleFailedMessage(ruleName: string, label: Label | undefined): Label {
  return {
    'zh-CN': `校验规则「${label?.['zh-CN'] ?? ruleName}」无法计算`,
    en: `The validation rule ${label?.en ?? ruleName} could not be evaluated`,
  };
}
