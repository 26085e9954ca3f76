/** Reject with a reason: a small popover asks for the comment before the decision is sent. */
import { useState } from 'react';
import { Button, Flex, Input, Popover } from 'antd';
import { useTranslation } from 'react-i18next';

export function RejectButton({ onReject, busy }: { onReject: (comment: string) => Promise<void>; busy: boolean }) {
  const { t } = useTranslation('inbox');
  const [open, setOpen] = useState(false);
  const [comment, setComment] = useState('');
  const confirm = async () => {
    await onReject(comment.trim());
    setOpen(false);
    setComment('');
  };
  const content = (
    <Flex vertical gap={8} style={{ width: 260 }}>
      <Input.TextArea autoFocus rows={3} maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)}
        placeholder={t('rejectPlaceholder')} data-testid="inbox-reject-comment" />
      <Flex justify="flex-end" gap={8}>
        <Button size="small" onClick={() => setOpen(false)}>{t('cancel')}</Button>
        <Button size="small" danger type="primary" disabled={!comment.trim()} loading={busy} onClick={() => void confirm()} data-testid="inbox-reject-confirm">
          {t('confirmReject')}
        </Button>
      </Flex>
    </Flex>
  );
  return (
    <Popover trigger="click" open={open} onOpenChange={setOpen} title={t('rejectTitle')} content={content} placement="bottomRight">
      <Button size="small" danger disabled={busy} data-testid="inbox-reject">{t('reject')}</Button>
    </Popover>
  );
}
