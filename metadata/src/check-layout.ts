/**
 * Semantic checks of a `layout` document against the object it shows. Whether a list view's filter runs in the
 * database is the engine's to say (engine/src/deploy/check-filters.ts): it compiles it as list requests do.
 */
import { checkDuplicateNames, checkName, isSystemField } from './names.ts';
import { inDocument, problem, unknownField, unknownObject } from './problem.ts';
import { isReadFormula, valueType, type FieldDef, type LayoutDoc, type LayoutSection, type ListViewDef, type ObjectDoc, type Problem } from './types.ts';
import { liveField, type ObjectsByName } from './var-scope.ts';

/** Section and list view names follow the name pattern (the schema checks it); they never reach SQL, so `all` is fine. */
export function checkLayout(layout: LayoutDoc, objects: ObjectsByName): Problem[] {
  const object = objects.get(layout.object);
  const sections = layout.sections ?? [];
  const views = layout.listViews ?? [];
  return inDocument([
    ...checkName(layout.name, '/name'),
    ...checkDuplicateNames(sections, '/sections', 'duplicate_section', { 'zh-CN': '分区', en: 'section' }),
    ...checkDuplicateNames(views, '/listViews', 'duplicate_list_view', { 'zh-CN': '列表视图', en: 'list view' }),
    ...(object
      ? [...checkSections(sections, object), ...views.flatMap((view, i) => checkListView(view, `/listViews/${i}`, object))]
      : [unknownObject(layout.object)]),
  ], layout);
}

/** A section shows the object's own live fields, each in one section only. */
function checkSections(sections: LayoutSection[], object: ObjectDoc): Problem[] {
  const placed = new Map<string, string>();
  return sections.flatMap((section, i) => section.fields.flatMap((name, j) => {
    const path = `/sections/${i}/fields/${j}`;
    if (!liveField(object, name)) return [unknownField(path, name, object.name)];
    const earlier = placed.get(name);
    if (earlier !== undefined) {
      return [problem(path, 'duplicate_field', `字段 ${name} 已在分区 ${earlier} 中`, `field ${name} is already in section ${earlier}`)];
    }
    placed.set(name, section.name);
    return [];
  }));
}

function checkListView(view: ListViewDef, path: string, object: ObjectDoc): Problem[] {
  return [
    ...checkColumns(view.columns, `${path}/columns`, object),
    ...checkSort(view.sort ?? [], `${path}/sort`, object),
  ];
}

/** Columns are the object's live fields or its system fields (`created_at`, …), each once. */
function checkColumns(columns: string[], path: string, object: ObjectDoc): Problem[] {
  const seen = new Set<string>();
  return columns.flatMap((name, i) => {
    if (!isSystemField(name) && !liveField(object, name)) return [unknownField(`${path}/${i}`, name, object.name)];
    if (seen.has(name)) return [problem(`${path}/${i}`, 'duplicate_column', `列 ${name} 重复`, `column ${name} is repeated`)];
    seen.add(name);
    return [];
  });
}

/** `["-created_at", "name"]`: each key a field the database can order by, once. */
function checkSort(keys: string[], path: string, object: ObjectDoc): Problem[] {
  const seen = new Set<string>();
  return keys.flatMap((key, i) => {
    const name = key.startsWith('-') ? key.slice(1) : key;
    const field = liveField(object, name);
    if (!isSystemField(name) && !field) return [unknownField(`${path}/${i}`, name, object.name)];
    if (field && !isSortable(field)) {
      return [problem(`${path}/${i}`, 'not_sortable', `字段 ${name} 不能排序`, `the field ${name} cannot be sorted`)];
    }
    if (seen.has(name)) return [problem(`${path}/${i}`, 'duplicate_sort', `排序字段 ${name} 重复`, `the sort field ${name} is repeated`)];
    seen.add(name);
    return [];
  });
}

const UNSORTABLE_TYPES: readonly string[] = ['multi_picklist', 'geo_point'];

/** As the list query's sort (engine/src/records/sort.ts): no arrays, no points, no formulas computed on read. */
function isSortable(field: FieldDef): boolean {
  return !isReadFormula(field) && !UNSORTABLE_TYPES.includes(valueType(field));
}
