/** The read view: one block per layout section, its fields in the section's columns. */
import { Card, Descriptions } from 'antd';
import type { UiObject } from '../../../metadata/src/ui-contract.ts';
import type { RecordData } from '../api/records.ts';
import { pick } from '../i18n/index.ts';
import { FieldDisplay } from './FieldDisplay.tsx';

export function RecordSections({ ui, record }: { ui: UiObject; record: RecordData }) {
  const fields = new Map(ui.fields.map((f) => [f.name, f]));
  return (
    <Card data-testid="record-sections">
      {ui.sections.map((section) => {
        const items = section.fields.flatMap((name) => {
          const field = fields.get(name);
          return field ? [{ key: name, label: pick(field.label), children: <span data-testid={`field-value-${name}`}><FieldDisplay field={field} value={record[name]} /></span> }] : [];
        });
        if (!items.length) return null;
        return (
          <Descriptions
            key={section.name}
            data-testid={`section-${section.name}`}
            title={pick(section.label)}
            column={{ xs: 1, sm: 1, md: Math.max(1, section.columns || 1) }}
            items={items}
            style={{ marginBottom: 16 }}
          />
        );
      })}
    </Card>
  );
}
