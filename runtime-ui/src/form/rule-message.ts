/** A rule's message is a handlebars template naming values of the record: `{{credit_code}}` becomes the value. */
const PLACEHOLDER = /\{\{\s*([\w.]+)\s*\}\}/g;

export function renderRuleMessage(template: string, values: Record<string, unknown>): string {
  return template.replace(PLACEHOLDER, (_, path: string) => {
    const value = path.split('.').reduce<unknown>((at, key) => (at && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined), values);
    return value === undefined || value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  });
}
