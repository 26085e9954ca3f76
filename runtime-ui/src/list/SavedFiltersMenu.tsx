/** The saved filters of this user and object: apply one, save the current filter under a name, delete one. */
import { useState } from 'react';
import { DeleteOutlined, DownOutlined, SaveOutlined, StarOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, Input, Modal, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { JsonLogic } from '../../../metadata/src/types.ts';
import { removeSavedFilter, saveFilter, savedFilters, type SavedFilter } from './saved-filters.ts';

export function SavedFiltersMenu({ userId, object, filter, onApply }: {
  userId: string;
  object: string;
  filter: JsonLogic | undefined;
  onApply: (filter: JsonLogic) => void;
}) {
  const { t } = useTranslation('list');
  const { message } = App.useApp();
  const [saved, setSaved] = useState<SavedFilter[]>(() => savedFilters(userId, object));
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');

  const items: MenuProps['items'] = [
    ...(saved.length
      ? saved.map((s) => ({
        key: `apply:${s.name}`,
        label: (
          <span style={{ display: 'flex', justifyContent: 'space-between', gap: 16 }} data-testid="saved-filter">
            {s.name}
            <DeleteOutlined aria-label={t('deleteSavedFilter')} onClick={(e) => { e.stopPropagation(); setSaved(removeSavedFilter(userId, object, s.name)); }} />
          </span>
        ),
      }))
      : [{ key: 'none', disabled: true, label: t('noSavedFilters') }]),
    ...(filter ? [{ type: 'divider' as const }, { key: 'save', icon: <SaveOutlined />, label: <span data-testid="save-filter">{t('saveFilter')}</span> }] : []),
  ];

  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'save') {
      setName('');
      setNaming(true);
      return;
    }
    const chosen = saved.find((s) => `apply:${s.name}` === key);
    if (chosen) onApply(chosen.filter);
  };

  const confirmSave = () => {
    const trimmed = name.trim();
    if (!trimmed || !filter) return;
    setSaved(saveFilter(userId, object, { name: trimmed, filter }));
    setNaming(false);
    void message.success(t('filterSaved', { name: trimmed }));
  };

  return (
    <>
      <Dropdown trigger={['click']} menu={{ items, onClick }}>
        <Button icon={<StarOutlined />} data-testid="saved-filters">{t('savedFilters')} <DownOutlined /></Button>
      </Dropdown>
      <Modal open={naming} title={t('saveFilter')} onOk={confirmSave} onCancel={() => setNaming(false)} okButtonProps={{ disabled: !name.trim() }}
        okText={t('confirm')} cancelText={t('cancel')} destroyOnHidden>
        <Input autoFocus placeholder={t('filterName')} value={name} maxLength={60} onChange={(e) => setName(e.target.value)} onPressEnter={confirmSave} data-testid="filter-name" />
      </Modal>
    </>
  );
}
