/** One object in the ER diagram: its label and API name, then its key fields, lookups marked with their target. */
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { LinkOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { pick } from '../i18n/index.ts';
import type { ObjectNode as ObjectNodeType } from './er-graph.ts';

const ROW = { height: 24, display: 'flex', alignItems: 'center', gap: 6, paddingInline: 10, fontSize: 12, whiteSpace: 'nowrap', overflow: 'hidden' } as const;

export function ObjectNode({ data }: NodeProps<ObjectNodeType>) {
  const { t } = useTranslation('er');
  return (
    <div
      data-testid={`er-node-${data.name}`}
      style={{ background: '#fff', border: `${data.focused ? 2 : 1}px solid ${data.focused ? '#1f5fbf' : '#c9d1de'}`, borderRadius: 6, cursor: 'pointer', paddingBottom: 8 }}
    >
      <Handle type="target" position={Position.Left} />
      <div style={{ height: 44, padding: '4px 10px', lineHeight: '18px', background: '#f0f4fb', borderBottom: '1px solid #e5e8ef', borderRadius: '6px 6px 0 0', boxSizing: 'border-box' }}>
        <Typography.Text strong style={{ display: 'block' }}>{pick(data.label)}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{data.name}</Typography.Text>
      </div>
      {data.keyFields.map((field) => (
        <div key={field.name} style={ROW} data-testid={`er-field-${data.name}-${field.name}`}>
          {field.target ? <LinkOutlined style={{ color: '#1f5fbf' }} /> : <span>{field.required ? '•' : '◦'}</span>}
          <span>{pick(field.label)}</span>
          {field.target
            ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>→ {field.target}{field.type === 'master_detail' ? ` (${t('masterDetail')})` : ''}</Typography.Text>
            : <Typography.Text type="secondary" style={{ fontSize: 12 }}>{field.type}</Typography.Text>}
        </div>
      ))}
      {data.more > 0 && <div style={{ ...ROW, color: '#8c8c8c' }}>{t('moreFields', { count: data.more })}</div>}
      <Handle type="source" position={Position.Right} />
    </div>
  );
}
