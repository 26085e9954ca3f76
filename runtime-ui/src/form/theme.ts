/**
 * The record form: @rjsf's Form with the antd theme's templates and Qudao's widgets. The antd theme's own widgets
 * are not pulled in, so the date pickers, the region cascader and uploads load only when a form shows one.
 */
import { withTheme } from '@rjsf/core';
import { FieldErrors } from './FieldErrors.tsx';
import { ANTD_TEMPLATES } from './nested-object-template.ts';
import { SectionsTemplate } from './SectionsTemplate.tsx';
import { FIELDS, WIDGETS } from './widgets/registry.tsx';

export const ThemedForm = withTheme({
  templates: { ...ANTD_TEMPLATES, ObjectFieldTemplate: SectionsTemplate, FieldErrorTemplate: FieldErrors },
  widgets: WIDGETS,
  fields: FIELDS,
});
