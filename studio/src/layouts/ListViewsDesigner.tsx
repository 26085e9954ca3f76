/** The layout's list views as tabs: each view's editor with its draft preview below; views added and removed here. */
import { Card, Empty, Tabs, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ObjectDoc } from '../../../metadata/src/types.ts';
import type { UiObject } from '../../../metadata/src/ui-contract.ts';
import { pick } from '../i18n/index.ts';
import type { BaseLayout, ListViewModel } from './layout-model.ts';
import { ListPreview } from './ListPreview.tsx';
import { ListViewEditor } from './ListViewEditor.tsx';
import { addListView, updateNamed } from './moves.ts';
import { previewView } from './preview-ui.ts';

interface Props {
  layout: string;
  object: ObjectDoc;
  views: ListViewModel[];
  base: BaseLayout;
  preview: UiObject | undefined;
  onChange: (views: ListViewModel[]) => void;
  problems: Record<number, string[]>;
  active: string | undefined;
  onActive: (name: string) => void;
}

export function ListViewsDesigner({ layout, object, views, base, preview, onChange, problems, active, onActive }: Props) {
  const { t } = useTranslation('layouts');
  const add = () => {
    const titleField = object.titleField ?? (object.fields.some((f) => f.name === 'name') ? 'name' : object.fields[0]?.name);
    const next = addListView(views, { 'zh-CN': t('newListView.zh'), en: t('newListView.en') }, titleField ? [titleField] : []);
    onChange(next);
    onActive(next[next.length - 1].name);
  };
  const remove = (name: string) => {
    const rest = views.filter((v) => v.name !== name);
    onChange(rest);
    if (active === name && rest[0]) onActive(rest[0].name);
  };
  const items = views.map((view, i) => {
    const draft = preview && previewView(preview, layout, view.name);
    return {
      key: view.name,
      closable: !view.fromPlugin,
      label: <Tooltip title={view.fromPlugin ? t('pluginView') : undefined}><span data-testid={`list-view-tab-${view.name}`}>{pick(view.label) || view.name}</span></Tooltip>,
      children: (
        <>
          <ListViewEditor object={object} view={view} base={base} problems={problems[i]} onChange={(next) => onChange(updateNamed(views, view.name, () => next))} />
          <Card size="small" title={t('listPreview')} style={{ marginTop: 12 }}>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('listPreviewHelp')}</Typography.Paragraph>
            {preview && draft && <ListPreview ui={preview} view={draft} testId={`list-preview-${view.name}`} />}
          </Card>
        </>
      ),
    };
  });
  return (
    <div data-testid="list-views-designer">
      {!views.length && <Empty description={t('noListViews')} />}
      <Tabs
        type="editable-card"
        activeKey={active ?? views[0]?.name}
        onChange={onActive}
        onEdit={(key, action) => (action === 'add' ? add() : remove(String(key)))}
        addIcon={<span data-testid="layout-add-list-view">+ {t('addListView')}</span>}
        items={items}
      />
    </div>
  );
}
