/** The antd theme's own object template, for objects below the root. */
import { generateTemplates } from '@rjsf/antd';

export const ANTD_TEMPLATES = generateTemplates();
export const NestedObjectTemplate = ANTD_TEMPLATES.ObjectFieldTemplate!;
