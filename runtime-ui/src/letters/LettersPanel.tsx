/**
 * The letters of a record (its object has letter templates): each with its status, validity and issue, its PDF, and
 * while in force its verification link to copy, show as a QR code or send. Internal users issue new ones.
 */
import { CopyOutlined, DownloadOutlined, FileAddOutlined, QrcodeOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, List, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UiObject } from '../../../metadata/src/ui-contract.ts';
import type { RecordData } from '../api/records.ts';
import { pick } from '../i18n/index.ts';
import { IssueLetterModal } from './IssueLetterModal.tsx';
import { LetterLinkModal } from './LetterLinkModal.tsx';
import { canIssueLetters, inForce, issueLetter, letterLink, lettersKey, listLetters, type Letter, type LetterStatus } from './letters-api.ts';

const STATUS_COLORS: Record<LetterStatus, string> = { valid: 'green', notYetValid: 'blue', expired: 'default', revoked: 'red', superseded: 'orange' };

export function LettersPanel({ ui, record }: { ui: UiObject; record: RecordData }) {
  const { t } = useTranslation('letters');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [issuing, setIssuing] = useState(false);
  const [shownLink, setShownLink] = useState<string | null>(null);
  const key = lettersKey(ui.name, record.id);
  const letters = useQuery({ queryKey: key, queryFn: () => listLetters(ui.name, record.id) });
  const failed = (error: unknown) => void message.error((error as Error).message);

  const issue = async (spec: Parameters<typeof issueLetter>[0]) => {
    try {
      const letter = await issueLetter(spec, record);
      void message.success(t('issued'));
      await queryClient.invalidateQueries({ queryKey: key });
      setShownLink(letter.verifyUrl);
    } catch (error) {
      failed(error);
      throw error;
    }
  };
  const withLink = (letter: Letter, use: (url: string) => Promise<void> | void) => async () => {
    try {
      await use(await letterLink(letter.id));
    } catch (error) {
      failed(error);
    }
  };
  const copy = (url: string) => navigator.clipboard.writeText(url).then(
    () => void message.success(t('copied')),
    () => setShownLink(url), // no clipboard here (plain http): the modal shows it to copy by hand
  );

  const canIssue = canIssueLetters(ui);
  const templateLabel = (name: string) => {
    const template = ui.letters.templates.find((x) => x.name === name);
    return template ? pick(template.label) : name;
  };
  return (
    <div data-testid="letters">
      {canIssue && <Button icon={<FileAddOutlined />} onClick={() => setIssuing(true)} data-testid="letter-issue">{t('issue')}</Button>}
      <List
        loading={letters.isPending}
        dataSource={letters.data ?? []}
        locale={{ emptyText: t('empty') }}
        renderItem={(letter) => (
          <List.Item
            data-testid="letter"
            data-status={letter.status}
            actions={[
              <a key="pdf" href={letter.pdfUrl} download={`letter-${letter.id}.pdf`} data-testid="letter-pdf"><DownloadOutlined /> {t('download')}</a>,
              ...(inForce(letter) ? [
                <Button key="copy" type="link" size="small" icon={<CopyOutlined />} onClick={withLink(letter, copy)} data-testid="letter-copy-link">{t('copyLink')}</Button>,
                <Button key="qr" type="link" size="small" icon={<QrcodeOutlined />} onClick={withLink(letter, setShownLink)} data-testid="letter-show-link">{t('showQr')}</Button>,
              ] : []),
            ]}
          >
            <List.Item.Meta
              title={<Space>{templateLabel(letter.template)}<Tag color={STATUS_COLORS[letter.status]} data-testid="letter-status">{t(`status.${letter.status}`)}</Tag></Space>}
              description={<LetterFacts letter={letter} />}
            />
          </List.Item>
        )}
      />
      {issuing && <IssueLetterModal ui={ui} onIssue={issue} onClose={() => setIssuing(false)} />}
      {shownLink && <LetterLinkModal url={shownLink} onClose={() => setShownLink(null)} />}
    </div>
  );
}

function LetterFacts({ letter }: { letter: Letter }) {
  const { t } = useTranslation('letters');
  const facts = [
    letter.validTo ? t('validity', { from: letter.validFrom, to: letter.validTo }) : t('validityOpen', { from: letter.validFrom }),
    t('issuedBy', { name: letter.issuedByName ?? '—', at: dayjs(letter.issuedAt).format('YYYY-MM-DD HH:mm') }),
    ...(letter.revokedReason ? [t('revokedReason', { reason: letter.revokedReason })] : []),
  ];
  return <Typography.Text type="secondary">{facts.join(' · ')}</Typography.Text>;
}
