/** A field's value as text for lists and read views: labels for picklists, ¥ and two decimals for money, local dates. */
import dayjs from 'dayjs';
import type { UiField } from '../../../metadata/src/ui-contract.ts';
import { valueType } from '../../../metadata/src/types.ts';
import { pick, type Language } from '../i18n/index.ts';

const YES_NO: Record<Language, [string, string]> = { 'zh-CN': ['是', '否'], en: ['Yes', 'No'] };

export function formatValue(field: UiField, value: unknown, language: Language): string {
  if (value === null || value === undefined || value === '') return '';
  switch (valueType(field)) {
    case 'picklist':
      return optionLabel(field, value, language);
    case 'multi_picklist':
      return Array.isArray(value) ? value.map((v) => optionLabel(field, v, language)).join(language === 'en' ? ', ' : '、') : String(value);
    case 'boolean':
      return YES_NO[language][value ? 0 : 1];
    case 'money':
      return `¥${formatNumber(value, field.scale ?? 2, language)}`;
    case 'percent':
      return `${formatNumber(value, field.scale ?? 0, language)}%`;
    case 'number':
      return formatNumber(value, field.scale, language);
    case 'integer':
      return formatNumber(value, 0, language);
    case 'date':
      return dayjs(String(value)).format('YYYY-MM-DD');
    case 'datetime':
      return dayjs(String(value)).format('YYYY-MM-DD HH:mm');
    case 'lookup':
    case 'master_detail':
      return lookupTitle(value, field.targetTitleField);
    case 'geo_point':
      return geoText(value);
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}

function optionLabel(field: UiField, value: unknown, language: Language): string {
  const option = field.options?.find((o) => o.value === value);
  return option ? pick(option.label, language) : String(value);
}

function formatNumber(value: unknown, scale: number | undefined, language: Language): string {
  const number = Number(value);
  if (!Number.isFinite(number)) return String(value);
  return number.toLocaleString(language, scale === undefined ? {} : { minimumFractionDigits: scale, maximumFractionDigits: scale });
}

/** An expanded lookup (`{id, <title field>: …}`) shows its title; a bare id shows as it is. */
function lookupTitle(value: unknown, titleField: string | null | undefined): string {
  if (typeof value !== 'object' || value === null) return String(value);
  const record = value as Record<string, unknown>;
  const title = titleField ? record[titleField] : undefined;
  return String(title ?? record.name ?? record.id ?? '');
}

function geoText(value: unknown): string {
  if (typeof value !== 'object' || value === null) return String(value);
  const { lat, lng } = value as { lat?: number; lng?: number };
  return lat === undefined || lng === undefined ? '' : `${lat.toFixed(5)}, ${lng.toFixed(5)}`;
}
