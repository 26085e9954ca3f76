/**
 * A letter's verification link to hand on: its QR code to scan off the screen, the address to copy, and "send":
 * the phone's share sheet where there is one (WeChat, mail…), else an e-mail to write (mailto:), which a dealer in
 * the portal and staff alike can address to a hospital's tender office.
 */
import { MailOutlined, ShareAltOutlined } from '@ant-design/icons';
import { Button, Flex, Modal, QRCode, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export function LetterLinkModal({ url, onClose }: { url: string; onClose: () => void }) {
  const { t } = useTranslation('letters');
  const subject = t('sendSubject');
  const body = `${t('sendBody')}\n${url}`;
  const canShare = typeof navigator.share === 'function';
  const share = () => void navigator.share({ title: subject, text: t('sendBody'), url }).catch(() => undefined);
  return (
    <Modal open title={t('showQr')} onCancel={onClose} footer={null} width={400}>
      <Flex vertical align="center" gap={12} data-testid="letter-link">
        <QRCode value={url} size={200} bordered={false} />
        <Typography.Text type="secondary">{t('qrHint')}</Typography.Text>
        <Typography.Text copyable={{ text: url }} style={{ wordBreak: 'break-all' }} data-testid="letter-link-url">{url}</Typography.Text>
        {canShare
          ? <Button icon={<ShareAltOutlined />} onClick={share} data-testid="letter-send">{t('send')}</Button>
          : <Button icon={<MailOutlined />} href={`mailto:?${new URLSearchParams({ subject, body }).toString().replace(/\+/g, '%20')}`} data-testid="letter-send">{t('send')}</Button>}
      </Flex>
    </Modal>
  );
}
