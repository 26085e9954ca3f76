/** An object's fields, each with its edit button; the drawer adds or edits one through a deploy. */
import { useState } from 'react';
import { CheckOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FieldDef, ObjectDoc } from '../../../metadata/src/types.ts';
import { hasOwnIndex } from '../api/meta.ts';
import { pick } from '../i18n/index.ts';
import { FieldDrawer } from './FieldDrawer.tsx';

interface Props {
  object: ObjectDoc;
  onSave: (field: FieldDef, indexed: boolean) => Promise<boolean>;
}

const yes = (flag: boolean | undefined) => (flag ? <CheckOutlined /> : null);

export function FieldTable({ object, onSave }: Props) {
  const { t } = useTranslation('objects');
  const [drawer, setDrawer] = useState<{ field?: FieldDef } | null>(null);
  const columns = [
    { key: 'name', title: t('columns.name'), render: (f: FieldDef) => <code>{f.name}</code> },
    { key: 'label', title: t('columns.label'), render: (f: FieldDef) => pick(f.label) },
    { key: 'type', title: t('columns.type'), render: (f: FieldDef) => <Tag>{t(`types.${f.type}`)}</Tag> },
    { key: 'required', title: t('columns.required'), render: (f: FieldDef) => yes(f.required) },
    { key: 'unique', title: t('columns.unique'), render: (f: FieldDef) => yes(f.unique) },
    { key: 'hidden', title: t('columns.hidden'), render: (f: FieldDef) => yes(f.removed) },
    {
      key: 'actions',
      title: t('columns.actions'),
      render: (f: FieldDef) => <Button size="small" onClick={() => setDrawer({ field: f })} data-testid={`edit-field-${f.name}`}>{t('edit')}</Button>,
    },
  ];
  return (
    <>
      <Flex justify="end" style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({})} data-testid="add-field">{t('addField')}</Button>
      </Flex>
      <Table<FieldDef>
        rowKey="name"
        size="middle"
        dataSource={object.fields}
        columns={columns}
        pagination={false}
        onRow={(f) => ({ 'data-testid': `field-row-${f.name}` } as object)}
      />
      <FieldDrawer
        open={drawer !== null}
        object={object.name}
        field={drawer?.field}
        indexed={drawer?.field ? hasOwnIndex(object, drawer.field.name) : false}
        onSave={onSave}
        onClose={() => setDrawer(null)}
      />
    </>
  );
}
