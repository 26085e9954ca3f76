/**
 * `GET /api/records/:object/export.xlsx`: what the list shows (same filter, view, sort and fields), as a
 * workbook streamed row by row. Read through RecordService.list page by page, so access applies as to any list.
 */
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { valueType, type FieldDef, type Label, type Locale } from '../../../metadata/src/types.ts';
import type { ListQuery, ListResult } from '../records/list-query.ts';
import { withListView } from '../records/list-views.ts';
import type { RecordService } from '../records/record-service.ts';
import type { RecordData } from '../records/row-mapping.ts';
import type { ObjectRuntime, Registry } from '../registry.ts';
import type { WriteContext } from '../security/principal.ts';
import { titleFieldOf } from './object-title.ts';

export const EXPORT_MAX_ROWS = 50_000;
const PAGE = 500;

const SYSTEM_LABELS: Record<string, Label> = {
  id: { 'zh-CN': 'ID', en: 'ID' },
  created_at: { 'zh-CN': '创建时间', en: 'Created at' },
  created_by: { 'zh-CN': '创建人', en: 'Created by' },
  updated_at: { 'zh-CN': '修改时间', en: 'Updated at' },
  updated_by: { 'zh-CN': '修改人', en: 'Updated by' },
  owner_id: { 'zh-CN': '所有者', en: 'Owner' },
  version: { 'zh-CN': '版本', en: 'Version' },
  deleted_at: { 'zh-CN': '删除时间', en: 'Deleted at' },
};

interface Column {
  header: string;
  cell(record: RecordData): unknown;
}

export interface PreparedExport {
  object: ObjectRuntime;
  columns: Column[];
  first: ListResult;
  next(cursor: string): Promise<ListResult>;
}

/** Checks the request and reads the first page, so a refusal is answered as a problem before any byte of the file. */
export async function prepareExport(
  records: RecordService, registry: Registry, ctx: WriteContext, objectName: string, request: ListQuery, locale: Locale,
): Promise<PreparedExport> {
  const scope = records.scope(ctx);
  const object = scope.objectOf(objectName);
  if (!object) throw registry.unknownObject(objectName);
  const viewed = withListView({ ...request, limit: undefined, cursor: undefined }, object.name, (name) => registry.layout(name));
  const fields = viewed.fields ?? object.fieldList.map((f) => f.name).filter((name) => scope.canRead(object, name));
  const expand = fields.filter((name) => isLookup(object.fields.get(name)));
  const query: ListQuery = { filter: request.filter, view: request.view, sort: viewed.sort, deleted: request.deleted, fields, expand, limit: PAGE };
  const read = (cursor?: string) => records.list(object.name, { ...query, cursor }, ctx);
  const first = await read();
  return { object, columns: fields.map((name) => column(registry, object, name, locale)), first, next: read };
}

/** Writes the workbook to `out`: a header row of labels, then up to EXPORT_MAX_ROWS rows. */
export async function writeExport(prepared: PreparedExport, out: Writable, locale: Locale): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet(safeSheetName(prepared.object.doc.label[locale]));
  sheet.addRow(prepared.columns.map((c) => c.header)).commit();
  let page: ListResult = prepared.first;
  let written = 0;
  for (;;) {
    for (const record of page.data.slice(0, EXPORT_MAX_ROWS - written)) {
      sheet.addRow(prepared.columns.map((c) => c.cell(record))).commit();
      written++;
    }
    if (!page.nextCursor || written >= EXPORT_MAX_ROWS) break;
    page = await prepared.next(page.nextCursor);
  }
  sheet.commit();
  await workbook.commit();
}

/** `Content-Disposition` with an ASCII fallback and the label in RFC 5987 form: `<label>-<date>.xlsx`. */
export function exportDisposition(object: ObjectRuntime, locale: Locale, now = new Date()): string {
  const date = now.toISOString().slice(0, 10);
  const name = `${object.doc.label[locale]}-${date}.xlsx`;
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${object.name}-${date}.xlsx"; filename*=UTF-8''${encoded}`;
}

function column(registry: Registry, object: ObjectRuntime, name: string, locale: Locale): Column {
  const field = object.fields.get(name);
  if (!field) return { header: SYSTEM_LABELS[name]?.[locale] ?? name, cell: (r) => cellText(r[name]) };
  const show = cellOf(registry, field, locale);
  return { header: field.label[locale], cell: (r) => show(r[name]) };
}

function cellOf(registry: Registry, field: FieldDef, locale: Locale): (value: unknown) => unknown {
  const type = valueType(field);
  const optionLabel = (v: unknown) => field.options?.find((o) => o.value === v)?.label[locale] ?? v;
  switch (type) {
    case 'picklist': return (v) => cellText(v === null || v === undefined ? v : optionLabel(v));
    case 'multi_picklist': return (v) => (Array.isArray(v) ? cellText(v.map(optionLabel).join(locale === 'zh-CN' ? '、' : ', ')) : null);
    case 'lookup': case 'master_detail': {
      const target = registry.object(field.target ?? '');
      const title = target ? titleFieldOf(target.doc) : null;
      return (v) => cellText(isRecord(v) ? (title !== null && v[title] != null ? v[title] : v.id) : v);
    }
    case 'boolean': return (v) => (typeof v === 'boolean' ? (v ? (locale === 'zh-CN' ? '是' : 'Yes') : (locale === 'zh-CN' ? '否' : 'No')) : null);
    case 'number': case 'integer': case 'percent': case 'money':
      return (v) => (v === null || v === undefined ? null : Number.isFinite(Number(v)) ? Number(v) : cellText(v));
    case 'geo_point': return (v) => (isRecord(v) ? `${v.lat},${v.lng}` : null);
    default: return cellText;
  }
}

/** Text a spreadsheet would run as a formula (= + - @, or a leading tab or CR) is kept as text by a leading apostrophe. */
export function cellText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

const isLookup = (field: FieldDef | undefined) => field?.type === 'lookup' || field?.type === 'master_detail';
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Excel's sheet names: at most 31 characters, none of : \ / ? * [ ]. */
function safeSheetName(label: string): string {
  return label.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31) || 'Sheet1';
}
