/**
 * The fields a condition on an object may test, for the visual builder: its own live fields, and one lookup away
 * each field of the record a lookup points to (`dealer.tier`, labelled "经销商 › 等级"). A condition that must run in
 * the database leaves out formulas computed on read (they have no column).
 */
import type { LogicField } from '../../../runtime-ui/src/logic/logic-fields.ts';
import type { FieldDef, ObjectDoc } from '../../../metadata/src/types.ts';
import { isReadFormula } from '../../../metadata/src/types.ts';

const REFERENCES = new Set(['lookup', 'master_detail']);

const usable = (field: FieldDef, sqlOnly: boolean) => !field.removed && !(sqlOnly && isReadFormula(field));

const through = (ref: FieldDef, field: FieldDef): LogicField => ({
  ...field,
  name: `${ref.name}.${field.name}`,
  label: { 'zh-CN': `${ref.label['zh-CN']} › ${field.label['zh-CN']}`, en: `${ref.label.en} › ${field.label.en}` },
});

export function conditionFields(object: ObjectDoc, objects: readonly ObjectDoc[], sqlOnly: boolean): LogicField[] {
  const own = object.fields.filter((f) => usable(f, sqlOnly));
  const related = own.filter((f) => REFERENCES.has(f.type)).flatMap((ref) => {
    const target = objects.find((o) => o.name === ref.target);
    return (target?.fields ?? []).filter((f) => usable(f, sqlOnly) && !REFERENCES.has(f.type)).map((f) => through(ref, f));
  });
  return [...own, ...related];
}
