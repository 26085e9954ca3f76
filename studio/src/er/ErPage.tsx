/** `/studio/er`: every object and how they point at each other; a filter narrows it to one object and its neighbours. */
import { useMemo, useState } from 'react';
import { Background, Controls, ReactFlow } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { Alert, Flex, Select, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useObjects } from '../api/queries.ts';
import { pick } from '../i18n/index.ts';
import { erGraph } from './er-graph.ts';
import { ObjectNode } from './ObjectNode.tsx';

const NODE_TYPES = { object: ObjectNode };

export function ErPage() {
  const { t, i18n } = useTranslation('er');
  const objects = useObjects();
  const navigate = useNavigate();
  const [focus, setFocus] = useState<string | undefined>();
  // The edge labels are in the UI's language: built again when it changes.
  const graph = useMemo(
    () => erGraph(objects.data ?? [], { focus, text: (label) => pick(label) }),
    [objects.data, focus, i18n.language],
  );

  if (objects.error) return <Alert type="error" showIcon title={objects.error.message} />;
  if (!objects.data) return <Spin style={{ display: 'block', margin: 48 }} />;
  const options = objects.data.map((o) => ({ value: o.name, label: `${pick(o.label)} (${o.name})` }));

  return (
    <div data-testid="er-page">
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('title')}</Typography.Title>
        <Space>
          <Typography.Text type="secondary">{t('legend')}</Typography.Text>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('focus')}
            options={options}
            value={focus}
            onChange={setFocus}
            style={{ width: 280 }}
            data-testid="er-focus"
          />
        </Space>
      </Flex>
      <div style={{ height: 'calc(100vh - 170px)', minHeight: 480, border: '1px solid #e5e8ef', borderRadius: 6, background: '#fafbfd' }}>
        <ReactFlow
          key={focus ?? 'all'}
          nodes={graph.nodes}
          edges={graph.edges}
          nodeTypes={NODE_TYPES}
          nodesDraggable={false}
          nodesConnectable={false}
          onNodeClick={(_, node) => void navigate(`/objects/${node.id}`)}
          fitView
          minZoom={0.1}
        >
          <Background />
          <Controls showInteractive={false} />
        </ReactFlow>
      </div>
    </div>
  );
}
