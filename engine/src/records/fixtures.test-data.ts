/** The DESIGN.md contract examples, verbatim: the `hospital` object and its `hospital_3a_beds` rule. */
import type { ObjectDoc, ValidationRuleDoc } from '../../../metadata/src/types.ts';

export const hospital: ObjectDoc = { "kind": "object", "name": "hospital", "label": { "zh-CN": "医院", "en": "Hospital" },
  "fields": [
    { "name": "name", "type": "text", "label": { "zh-CN": "医院名称", "en": "Name" }, "required": true, "maxLength": 200 },
    { "name": "code", "type": "text", "label": { "zh-CN": "医院编码", "en": "Code" }, "unique": true },
    { "name": "level", "type": "picklist", "label": { "zh-CN": "等级", "en": "Level" },
      "options": [ { "value": "3A", "label": { "zh-CN": "三甲", "en": "Grade 3A" } },
                   { "value": "3B", "label": { "zh-CN": "三乙", "en": "Grade 3B" } } ] },
    { "name": "region", "type": "region", "label": { "zh-CN": "行政区划", "en": "Region" } },
    { "name": "beds", "type": "integer", "label": { "zh-CN": "床位数", "en": "Beds" }, "min": 0 },
    { "name": "opened_on", "type": "date", "label": { "zh-CN": "开业日期", "en": "Opened on" } },
    { "name": "parent", "type": "lookup", "target": "hospital", "label": { "zh-CN": "上级医院", "en": "Parent" } }
  ],
  "indexes": [ { "fields": ["region", "level"] } ] };

export const hospital3aBeds: ValidationRuleDoc = { "kind": "validationRule", "name": "hospital_3a_beds", "object": "hospital", "field": "beds",
  "errorWhen": { "and": [ { "==": [ { "var": "level" }, "3A" ] }, { "<": [ { "var": "beds" }, 500 ] } ] },
  "message": { "zh-CN": "三甲医院床位数不少于 500 张", "en": "A grade 3A hospital has at least 500 beds" } };
