/** The public API of the metadata language (browser-safe parts). */
export * from './types.ts';
export { NAME_PATTERN, RESERVED_WORDS, checkName, isSystemField } from './names.ts';
export { objectSchema, fieldSchema } from './schemas/object.schema.ts';
export { validationRuleSchema } from './schemas/validation-rule.schema.ts';
export { checkDocumentShape, checkCustomLayerShape } from './check-shape.ts';
export { checkObject } from './check-object.ts';
export { checkValidationRule, EXTRA_OPERATORS, STANDARD_OPERATORS, isKnownOperator } from './check-validation-rule.ts';
export { collectVars, collectOperators, type Occurrence } from './jsonlogic-vars.ts';
export { isKnownVar, type ObjectsByName } from './var-scope.ts';
export { checkDocuments, checkDeployable } from './check-documents.ts';
export { mergeLayers } from './merge-layers.ts';
