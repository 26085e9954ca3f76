/** The node types to add: drag one onto the canvas (it lands where dropped) or click it (it lands below the rest). */
import { Button, Card, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PALETTE_TYPES, type PaletteType } from './graph-edits.ts';
import { TYPE_COLORS } from './StepNodeView.tsx';

/** The drag's data type, which the canvas's drop reads. */
export const STEP_DRAG_TYPE = 'application/x-qudao-workflow-step';

export function Palette({ onAdd }: { onAdd: (type: PaletteType) => void }) {
  const { t } = useTranslation('workflows');
  return (
    <Card size="small" title={t('palette.title')} style={{ width: 150, flex: 'none' }} data-testid="workflow-palette">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('palette.hint')}</Typography.Paragraph>
      <Flex vertical gap={6}>
        {PALETTE_TYPES.map((type) => (
          <Button
            key={type}
            block
            draggable
            onDragStart={(event) => {
              event.dataTransfer.setData(STEP_DRAG_TYPE, type);
              event.dataTransfer.effectAllowed = 'move';
            }}
            onClick={() => onAdd(type)}
            style={{ borderLeft: `4px solid ${TYPE_COLORS[type]}`, justifyContent: 'flex-start', cursor: 'grab' }}
            data-testid={`palette-${type}`}
          >
            {t(`types.${type}`)}
          </Button>
        ))}
      </Flex>
    </Card>
  );
}
