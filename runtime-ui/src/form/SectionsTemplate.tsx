/**
 * The root of the form laid out as the object's sections (a titled block, `columns` fields a row); nested objects
 * keep the theme's own template.
 */
import type { ObjectFieldTemplatePropertyType, ObjectFieldTemplateProps } from '@rjsf/utils';
import { Col, Divider, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import type { UiSection } from '../../../metadata/src/ui-contract.ts';
import { pick } from '../i18n/index.ts';
import type { RecordFormContext } from './form-context.ts';
import { NestedObjectTemplate } from './nested-object-template.ts';

export function SectionsTemplate(props: ObjectFieldTemplateProps) {
  const context = props.registry.formContext as RecordFormContext | undefined;
  if (props.fieldPathId.path.length > 0 || !context) return <NestedObjectTemplate {...props} />;
  return <>{groups(context.ui.sections, props.properties).map((group) => <SectionBlock key={group.name} {...group} />)}</>;
}

interface Group {
  name: string;
  section?: UiSection;
  columns: number;
  properties: ObjectFieldTemplatePropertyType[];
}

function groups(sections: UiSection[], properties: ObjectFieldTemplatePropertyType[]): Group[] {
  const byName = new Map(properties.map((p) => [p.name, p]));
  const placed = new Set<string>();
  const result: Group[] = sections.map((section) => {
    const inSection = section.fields.flatMap((name) => (byName.has(name) ? [byName.get(name)!] : []));
    inSection.forEach((p) => placed.add(p.name));
    return { name: section.name, section, columns: Math.max(1, section.columns || 1), properties: inSection };
  });
  const rest = properties.filter((p) => !placed.has(p.name));
  if (rest.length) result.push({ name: '__rest', columns: 2, properties: rest });
  return result.filter((group) => group.properties.some((p) => !p.hidden));
}

function SectionBlock({ section, columns, properties }: Group) {
  const { t } = useTranslation('form');
  const span = Math.floor(24 / columns);
  return (
    <div className="qd-form-section" data-testid={`form-section-${section?.name ?? 'other'}`}>
      <Divider titlePlacement="start" style={{ marginTop: 8 }}>{section ? pick(section.label) : t('otherSection')}</Divider>
      <Row gutter={24}>
        {properties.map((p) => (p.hidden ? <div key={p.name} hidden>{p.content}</div> : <Col key={p.name} xs={24} md={span}>{p.content}</Col>))}
      </Row>
    </div>
  );
}
