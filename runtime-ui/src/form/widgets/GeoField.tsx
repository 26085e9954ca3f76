/** A geo point as two numbers (latitude, longitude) with "use my location"; the value is `{lat, lng}`. */
import { AimOutlined } from '@ant-design/icons';
import type { FieldProps } from '@rjsf/utils';
import { App, Button, InputNumber, Space } from 'antd';
import { useTranslation } from 'react-i18next';

interface Point { lat?: number | null; lng?: number | null }

function pointOf(value: unknown): Point {
  if (typeof value === 'string') {
    const [lat, lng] = value.split(',').map(Number);
    return { lat, lng };
  }
  return value && typeof value === 'object' ? (value as Point) : {};
}

export function GeoField({ formData, onChange, fieldPathId, disabled, readonly, name }: FieldProps) {
  const { t } = useTranslation('form');
  const { message } = App.useApp();
  const point = pointOf(formData);
  const set = (next: Point) => {
    const empty = (next.lat === null || next.lat === undefined) && (next.lng === null || next.lng === undefined);
    onChange(empty ? undefined : { lat: next.lat ?? null, lng: next.lng ?? null }, fieldPathId.path);
  };
  const locate = () => {
    if (!navigator.geolocation) return void message.warning(t('geoUnavailable'));
    navigator.geolocation.getCurrentPosition(
      (position) => set({ lat: round(position.coords.latitude), lng: round(position.coords.longitude) }),
      () => void message.warning(t('geoUnavailable')),
    );
  };
  const locked = disabled || readonly;
  return (
    <Space.Compact data-testid={`geo-${name}`} style={{ width: '100%' }}>
      <InputNumber style={{ width: '40%' }} prefix={t('lat')} min={-90} max={90} value={point.lat ?? null} disabled={locked} onChange={(lat) => set({ ...point, lat })} />
      <InputNumber style={{ width: '40%' }} prefix={t('lng')} min={-180} max={180} value={point.lng ?? null} disabled={locked} onChange={(lng) => set({ ...point, lng })} />
      <Button icon={<AimOutlined />} disabled={locked} onClick={locate}>{t('useMyLocation')}</Button>
    </Space.Compact>
  );
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;
