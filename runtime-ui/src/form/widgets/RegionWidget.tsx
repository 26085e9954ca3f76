/** A region: an antd Cascader over the GB/T 2260 tree, loaded when first shown; any level may be chosen. */
import type { WidgetProps } from '@rjsf/utils';
import { useQuery } from '@tanstack/react-query';
import { Cascader } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchRegions, regionOptions, regionPath } from './region-tree.ts';

export default function RegionWidget({ id, name, value, onChange, disabled, readonly, placeholder }: WidgetProps) {
  const { t } = useTranslation('form');
  const regions = useQuery({ queryKey: ['ui-regions'], queryFn: fetchRegions, staleTime: Infinity });
  const options = useMemo(() => regionOptions(regions.data ?? []), [regions.data]);
  return (
    <Cascader
      id={id}
      data-testid={`region-${name}`}
      style={{ width: '100%' }}
      options={options}
      loading={regions.isPending}
      changeOnSelect
      showSearch
      value={typeof value === 'string' && value ? regionPath(value) : undefined}
      disabled={disabled || readonly}
      placeholder={placeholder || t('regionPlaceholder')}
      onChange={(path) => onChange(path?.length ? String(path[path.length - 1]) : undefined)}
    />
  );
}
