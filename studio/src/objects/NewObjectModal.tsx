/**
 * A new object: its API name and its labels, deployed (after the plan is confirmed) with a required `name` text
 * field, the records' title (an object without fields cannot be deployed twice: its table leaves no field rows).
 */
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { FieldDef } from '../../../metadata/src/types.ts';
import { NewDocumentModal, type NewDocumentValues } from '../deploy/NewDocumentModal.tsx';

const titleField = (t: TFunction<'objects'>): FieldDef => ({
  name: 'name',
  type: 'text',
  label: { 'zh-CN': t('titleField', { lng: 'zh-CN' }), en: t('titleField', { lng: 'en' }) },
  required: true,
});

export function NewObjectModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('objects');
  return (
    <NewDocumentModal<NewDocumentValues>
      open={open}
      onClose={onClose}
      title={t('newObject')}
      note={t('newObjectNote')}
      testId="object"
      editorPath="/objects"
      toDraft={(values) => ({ kind: 'object', name: values.name, label: values.label, fields: [titleField(t)] })}
    />
  );
}
