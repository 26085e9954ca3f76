/** An action's answer that lists something (conflicts found, records touched): its message over the list. */
import { List, Modal, Typography, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ShownAnswer } from './action-message.ts';

export function ActionAnswerModal({ title, answer, onClose }: { title: string; answer: ShownAnswer; onClose: () => void }) {
  const { t } = useTranslation('record');
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={onClose}
      okText={t('close')}
      okButtonProps={{ 'data-testid': 'action-answer-close' } as ButtonProps}
      cancelButtonProps={{ style: { display: 'none' } }}
      width={640}
    >
      <div data-testid="action-answer">
        {answer.message && <Typography.Paragraph strong data-testid="action-answer-message">{answer.message}</Typography.Paragraph>}
        <List
          size="small"
          bordered
          dataSource={answer.items}
          renderItem={(item) => (
            <List.Item data-testid="action-answer-item">
              <List.Item.Meta title={item.title} description={item.description} />
            </List.Item>
          )}
        />
      </div>
    </Modal>
  );
}
