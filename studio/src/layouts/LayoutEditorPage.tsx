/**
 * `/studio/layouts/:name` and `/studio/layouts/new/:object`: a layout's form sections and list views, designed by drag
 * and drop beside a preview of the draft in runtime-ui's own renderers; saving is a deploy of its custom layer.
 */
import { useMemo, useState } from 'react';
import { Alert, Breadcrumb, Button, Card, Col, Flex, Input, Row, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../../runtime-ui/src/api/client.ts';
import { useUiObject } from '../../../runtime-ui/src/api/ui.ts';
import { LazyRecordForm } from '../../../runtime-ui/src/record/LazyRecordForm.tsx';
import { NAME_PATTERN } from '../../../metadata/src/names.ts';
import { latestByLayer } from '../api/meta.ts';
import { useDocument, useDocumentHistory, useDocuments, useObject } from '../api/queries.ts';
import { FormProblems } from '../deploy/FormProblems.tsx';
import { problemsOf, type Problems } from '../deploy/problems.ts';
import { useDeploy } from '../deploy/use-deploy.tsx';
import { DocumentHistory } from '../history/DocumentHistory.tsx';
import { currentLanguage, pick } from '../i18n/index.ts';
import { FormDesigner } from './FormDesigner.tsx';
import { emptyModel, toCustomDoc, toLayoutDoc, toModel, type BaseLayout, type LayoutModel } from './layout-model.ts';
import { placeProblems, type PlacedProblems } from './layout-problems.ts';
import { ListViewsDesigner } from './ListViewsDesigner.tsx';
import { freeName } from './moves.ts';
import { previewUi } from './preview-ui.ts';

export function LayoutEditorPage() {
  const name = useParams().name!;
  const layout = useDocument('layout', name);
  const history = useDocumentHistory('layout', name);
  const error = layout.error ?? history.error;
  if (error) return <Alert type="error" showIcon title={error.message} />;
  if (!layout.data || !history.data) return <Spin style={{ display: 'block', margin: 48 }} />;
  const base = latestByLayer(history.data).base;
  const baseDoc = base && !base.deleted ? base.body : null;
  // A deploy or a roll back changes the layout: the editor starts again from it.
  return <LayoutEditor key={JSON.stringify(layout.data)} initial={toModel(layout.data, baseDoc)} base={baseDoc} isNew={false} />;
}

export function NewLayoutPage() {
  const object = useParams().object!;
  const { t } = useTranslation('layouts');
  const doc = useObject(object);
  const layouts = useDocuments('layout');
  const error = doc.error ?? layouts.error;
  if (error) return <Alert type="error" showIcon title={error.message} />;
  if (!doc.data || !layouts.data) return <Spin style={{ display: 'block', margin: 48 }} />;
  const taken = layouts.data.map((l) => l.name);
  const name = taken.includes(`${object}_layout`) ? freeName(`${object}_layout`, taken) : `${object}_layout`;
  const label = { 'zh-CN': `${doc.data.label['zh-CN']}${t('title')}`, en: `${doc.data.label.en} layout` };
  return <LayoutEditor key={object} initial={emptyModel(object, name, label)} base={null} isNew />;
}

interface EditorProps {
  initial: LayoutModel;
  base: BaseLayout;
  isNew: boolean;
}

function LayoutEditor({ initial, base, isNew }: EditorProps) {
  const { t } = useTranslation('layouts');
  const { t: tShell } = useTranslation('shell');
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const [model, setModel] = useState(initial);
  const [problems, setProblems] = useState<Problems | null>(null);
  const [placed, setPlaced] = useState<PlacedProblems>({ sections: {}, listViews: {} });
  const [saving, setSaving] = useState(false);
  const { deploy, modal } = useDeploy();
  const object = useObject(model.object);
  const layouts = useDocuments('layout');
  const ui = useUiObject(model.object);
  const draft = useMemo(() => toLayoutDoc(model), [model]);
  const preview = useMemo(
    () => (ui.data && layouts.data ? previewUi(ui.data, layouts.data, draft, currentLanguage()) : undefined),
    [ui.data, layouts.data, draft],
  );
  const taken = isNew && (layouts.data ?? []).some((l) => l.name === model.name);
  const nameProblem = !NAME_PATTERN.test(model.name) ? tShell('document.nameHelp') : taken ? t('form.nameTaken') : null;
  const dirty = isNew || JSON.stringify(toCustomDoc(model, base)) !== JSON.stringify(toCustomDoc(initial, base));
  const setParam = (key: string, value: string) => setSearch((params) => { params.set(key, value); return params; }, { replace: true });

  const save = async () => {
    setSaving(true);
    setProblems(null);
    setPlaced({ sections: {}, listViews: {} });
    try {
      if ((await deploy(toCustomDoc(model, base))) && isNew) navigate(`/layouts/${model.name}`, { replace: true });
    } catch (error) {
      setProblems(problemsOf(error));
      if (error instanceof ApiError) setPlaced(placeProblems(error.errors));
    } finally {
      setSaving(false);
    }
  };

  if (object.error) return <Alert type="error" showIcon title={object.error.message} />;
  if (!object.data) return <Spin style={{ display: 'block', margin: 48 }} />;
  const tabs = [
    {
      key: 'form',
      label: <span data-testid="layout-tab-form">{t('tabs.form')}</span>,
      children: (
        <Row gutter={16}>
          <Col xs={24} xl={13}>
            <FormDesigner object={object.data} sections={model.sections} onChange={(sections) => setModel({ ...model, sections })} problems={placed.sections} />
          </Col>
          <Col xs={24} xl={11}>
            <Card size="small" title={t('preview')} data-testid="layout-form-preview" style={{ position: 'sticky', top: 16 }}>
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('previewHelp')}</Typography.Paragraph>
              {ui.error && <Alert type="error" showIcon title={ui.error.message} />}
              {preview ? <LazyRecordForm ui={preview} /> : <Spin />}
            </Card>
          </Col>
        </Row>
      ),
    },
    {
      key: 'listViews',
      label: <span data-testid="layout-tab-list-views">{t('tabs.listViews')}</span>,
      children: (
        <ListViewsDesigner
          layout={model.name}
          object={object.data}
          views={model.listViews}
          base={base}
          preview={preview}
          onChange={(listViews) => setModel({ ...model, listViews })}
          problems={placed.listViews}
          active={search.get('view') ?? undefined}
          onActive={(view) => setParam('view', view)}
        />
      ),
    },
    ...(isNew ? [] : [{ key: 'history', label: <span data-testid="layout-tab-history">{t('tabs.history')}</span>, children: <DocumentHistory kind="layout" name={model.name} /> }]),
  ];

  return (
    <div data-testid="layout-editor">
      <Breadcrumb items={[{ title: <Link to="/layouts">{t('title')}</Link> }, { title: isNew ? t('newLayout') : model.name }]} style={{ marginBottom: 12 }} />
      <Flex justify="space-between" align="center" gap={16} wrap style={{ marginBottom: 12 }}>
        <Space align="baseline">
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="layout-title">{pick(model.label) || model.name}</Typography.Title>
          <Link to={`/objects/${model.object}`}><Tag>{pick(object.data.label)} · {model.object}</Tag></Link>
          {dirty && <Tag color="orange" data-testid="layout-dirty">{isNew ? t('newUnsaved') : t('unsaved')}</Tag>}
        </Space>
        <Button type="primary" loading={saving} disabled={!dirty || !!nameProblem} onClick={() => void save()} data-testid="layout-save">{t('save')}</Button>
      </Flex>
      <LayoutHeader model={model} isNew={isNew} nameProblem={nameProblem} onChange={setModel} />
      <FormProblems problems={problems} />
      <Tabs activeKey={search.get('tab') ?? 'form'} onChange={(tab) => setParam('tab', tab)} items={tabs} />
      {modal}
    </div>
  );
}

interface HeaderProps {
  model: LayoutModel;
  isNew: boolean;
  nameProblem: string | null;
  onChange: (model: LayoutModel) => void;
}

function LayoutHeader({ model, isNew, nameProblem, onChange }: HeaderProps) {
  const { t } = useTranslation('shell');
  return (
    <Flex gap={12} wrap style={{ marginBottom: 12 }}>
      <Space.Compact style={{ width: 260 }}>
        <Space.Addon>{t('document.name')}</Space.Addon>
        <Input value={model.name} disabled={!isNew} status={nameProblem ? 'error' : undefined} title={nameProblem ?? undefined} onChange={(e) => onChange({ ...model, name: e.target.value })} data-testid="layout-name" />
      </Space.Compact>
      <Space.Compact style={{ width: 300 }}>
        <Space.Addon>{t('document.labelZh')}</Space.Addon>
        <Input value={model.label['zh-CN']} onChange={(e) => onChange({ ...model, label: { ...model.label, 'zh-CN': e.target.value } })} data-testid="layout-label-zh" />
      </Space.Compact>
      <Space.Compact style={{ width: 300 }}>
        <Space.Addon>{t('document.labelEn')}</Space.Addon>
        <Input value={model.label.en} onChange={(e) => onChange({ ...model, label: { ...model.label, en: e.target.value } })} data-testid="layout-label-en" />
      </Space.Compact>
      {nameProblem && isNew && <Typography.Text type="danger" data-testid="layout-name-problem">{nameProblem}</Typography.Text>}
    </Flex>
  );
}
