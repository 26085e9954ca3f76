/**
 * A plugin's query page (UiPage): the route's query parameters as a form, its answer's `data` rows as a table. The
 * question asked lives in the address (`?product=…&date=…`), so a result can be shared and reloaded; the route
 * checks the question and its problem+json shows as it says.
 */
import { Alert, Button, Card, DatePicker, Form, Input, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { today } from '../../../metadata/src/operators/dates.ts';
import type { PageInput, UiPage } from '../../../metadata/src/ui-contract.ts';
import { api, ApiError, withQuery } from '../api/client.ts';
import { LookupSelect } from '../form/widgets/LookupSelect.tsx';
import { pick } from '../i18n/index.ts';
import { NotFound } from '../shell/NotFound.tsx';
import { useSession } from '../shell/session.tsx';
import { cellText, valueAt } from './page-cells.ts';

type Values = Record<string, string | undefined>;

export default function PluginPage() {
  const { plugin, path } = useParams();
  const { app } = useSession();
  const page = app.pages.find((p) => p.plugin === plugin && p.path === path);
  return page ? <QueryPage key={`${plugin}/${path}`} page={page} /> : <NotFound />;
}

function QueryPage({ page }: { page: UiPage }) {
  const { t } = useTranslation('pages');
  const [searchParams, setSearchParams] = useSearchParams();
  const asked = askedIn(page, searchParams);
  const [values, setValues] = useState<Values>(() => asked ?? initialValues(page));
  const [missing, setMissing] = useState<string[]>([]);
  const answer = useQuery({
    queryKey: ['plugin-page', page.plugin, page.path, asked],
    enabled: asked !== undefined,
    retry: false,
    queryFn: ({ signal }) => api<{ data: unknown[] }>(withQuery(`/api/plugins/${page.plugin}/${page.path}`, asked), { signal }),
  });

  const change = (name: string, value: string | undefined) => setValues((current) => {
    const next = { ...current, [name]: value };
    for (const other of page.inputs) if (other.narrowedBy?.input === name) next[other.name] = undefined;
    return next;
  });
  const run = () => {
    const blank = page.inputs.filter((i) => i.required && !values[i.name]).map((i) => i.name);
    setMissing(blank);
    if (!blank.length) setSearchParams(Object.fromEntries(Object.entries(values).filter((e): e is [string, string] => Boolean(e[1]))));
  };

  return (
    <Card title={pick(page.label)} data-testid={`page-${page.path}`}>
      <Form layout="vertical" onFinish={run}>
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(220px, 1fr))', columnGap: 16 }}>
          {page.inputs.map((input) => (
            <Form.Item
              key={input.name}
              label={pick(input.label)}
              required={input.required}
              validateStatus={missing.includes(input.name) ? 'error' : undefined}
              help={missing.includes(input.name) ? t('required', { label: pick(input.label) }) : undefined}
            >
              <InputControl input={input} page={page} values={values} onChange={(value) => change(input.name, value)} />
            </Form.Item>
          ))}
        </div>
        <Button type="primary" htmlType="submit" data-testid="page-run" loading={answer.isFetching}>{t('run')}</Button>
      </Form>
      <div style={{ marginTop: 24 }}>
        {answer.error ? <AnswerError error={answer.error} /> : (
          <Table
            data-testid="page-results"
            size="middle"
            rowKey={(_row, index) => String(index)}
            loading={answer.isFetching}
            dataSource={answer.data?.data ?? []}
            pagination={false}
            scroll={{ x: true }}
            locale={{ emptyText: asked === undefined ? t('askFirst') : pick(page.empty) || t('noRows') }}
            columns={page.columns.map((column) => ({
              key: column.path,
              title: pick(column.label),
              render: (_: unknown, row: unknown) => cellText(column, valueAt(row, column.path), { yes: t('yes'), no: t('no') }),
            }))}
          />
        )}
      </div>
    </Card>
  );
}

function InputControl({ input, page, values, onChange }: { input: PageInput; page: UiPage; values: Values; onChange: (value: string | undefined) => void }) {
  const { t } = useTranslation('pages');
  const testId = `page-input-${input.name}`;
  if (input.type === 'lookup') {
    const by = input.narrowedBy;
    const within = by ? values[by.input] : undefined;
    const parent = by && page.inputs.find((i) => i.name === by.input);
    return (
      <LookupSelect
        testId={testId}
        target={input.target ?? ''}
        titleField={input.targetTitleField ?? null}
        value={values[input.name]}
        onChange={onChange}
        narrow={by && within ? { '==': [{ var: by.field }, within] } : undefined}
        disabled={Boolean(by) && !within}
        placeholder={by && !within && parent ? t('chooseFirst', { label: pick(parent.label) }) : undefined}
      />
    );
  }
  if (input.type === 'date') {
    const value = values[input.name];
    return (
      <DatePicker
        data-testid={testId}
        style={{ width: '100%' }}
        format="YYYY-MM-DD"
        value={value ? dayjs(value) : null}
        onChange={(next) => onChange(next ? next.format('YYYY-MM-DD') : undefined)}
      />
    );
  }
  return <Input data-testid={testId} value={values[input.name] ?? ''} onChange={(e) => onChange(e.target.value || undefined)} />;
}

function AnswerError({ error }: { error: Error }) {
  const { t } = useTranslation('pages');
  const problems = error instanceof ApiError ? error.errors : [];
  return (
    <Alert
      type="error"
      showIcon
      data-testid="page-error"
      title={problems.length ? t('failed') : error.message}
      description={problems.length ? problems.map((p) => <Typography.Paragraph key={`${p.field}-${p.rule}`} style={{ margin: 0 }}>{p.message}</Typography.Paragraph>) : undefined}
    />
  );
}

function initialValues(page: UiPage): Values {
  return Object.fromEntries(page.inputs.map((i) => [i.name, i.default === 'today' ? today() : undefined]));
}

/** The question in the address, when it names at least one input (else none has been asked yet). */
function askedIn(page: UiPage, params: URLSearchParams): Values | undefined {
  const asked = Object.fromEntries(page.inputs.flatMap((i) => (params.get(i.name) ? [[i.name, params.get(i.name)!]] : [])));
  return Object.keys(asked).length ? asked : undefined;
}
