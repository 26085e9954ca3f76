/** One value in the read view: lookups link to their record by title, files link or show a thumbnail, the rest formatted. */
import { Image } from 'antd';
import { Link } from 'react-router';
import type { UiField } from '../../../metadata/src/ui-contract.ts';
import { fileUrl } from '../api/files.ts';
import { useLookupTitle } from '../form/widgets/lookup-queries.ts';
import { currentLanguage } from '../i18n/index.ts';
import { formatValue } from '../lib/format.ts';

export function FieldDisplay({ field, value }: { field: UiField; value: unknown }) {
  if (value === undefined || value === null || value === '') return <span className="qd-empty">—</span>;
  if ((field.type === 'lookup' || field.type === 'master_detail') && typeof value === 'string' && field.target) {
    return <LookupLink target={field.target} titleField={field.targetTitleField ?? null} id={value} />;
  }
  if (field.type === 'image' && typeof value === 'string') return <Image src={fileUrl(value, true)} width={72} preview={{ src: fileUrl(value) }} />;
  if (field.type === 'file' && typeof value === 'string') return <a href={fileUrl(value)} target="_blank" rel="noreferrer">{formatValue(field, value, currentLanguage()) || value}</a>;
  return <>{formatValue(field, value, currentLanguage())}</>;
}

function LookupLink({ target, titleField, id }: { target: string; titleField: string | null; id: string }) {
  const title = useLookupTitle(target, titleField, id);
  return <Link to={`/o/${target}/${id}`}>{title.data ?? id}</Link>;
}
