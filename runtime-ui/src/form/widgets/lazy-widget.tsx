/** A widget loaded with its heavy parts (date pickers, the region tree, uploads) only when a form shows it. */
import type { WidgetProps } from '@rjsf/utils';
import { Input } from 'antd';
import { lazy, Suspense, type ComponentType } from 'react';

export function lazyWidget(load: () => Promise<{ default: ComponentType<WidgetProps> }>): ComponentType<WidgetProps> {
  const Widget = lazy(load);
  return function LazyWidget(props: WidgetProps) {
    return (
      <Suspense fallback={<Input disabled id={props.id} />}>
        <Widget {...props} />
      </Suspense>
    );
  };
}
