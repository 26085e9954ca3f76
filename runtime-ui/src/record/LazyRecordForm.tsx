/** The record form as its own chunk, loaded when a page first shows a form. */
import { Skeleton } from 'antd';
import { lazy, Suspense } from 'react';
import type { RecordFormProps } from '../form/RecordForm.tsx';

const RecordForm = lazy(() => import('../form/RecordForm.tsx'));

export function LazyRecordForm(props: RecordFormProps) {
  return (
    <Suspense fallback={<Skeleton active paragraph={{ rows: 6 }} />}>
      <RecordForm {...props} />
    </Suspense>
  );
}
