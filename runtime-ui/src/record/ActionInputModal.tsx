/** What an action asks before it runs: its fields' form, checked as the user types, its confirmation, the server's field errors. */
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import { Alert, Modal, type ButtonProps } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UiAction, UiObject } from '../../../metadata/src/ui-contract.ts';
import { filledValues } from '../form/changed-values.ts';
import type { RecordFormContext } from '../form/form-context.ts';
import { toErrorSchema, topField, type FieldProblem } from '../form/problems.ts';
import { schemaProblems } from '../form/schema-problems.ts';
import { ThemedForm } from '../form/theme.ts';
import { useFormValues } from '../form/use-form-values.ts';
import { pick } from '../i18n/index.ts';

interface Props {
  ui: UiObject;
  action: UiAction & { input: NonNullable<UiAction['input']> };
  running: boolean;
  /** What the server refused the last attempt with, under its fields. */
  serverProblems: FieldProblem[];
  onRun: (input: Record<string, unknown>) => void;
  onClose: () => void;
}

export function ActionInputModal({ ui, action, running, serverProblems, onRun, onClose }: Props) {
  const { t } = useTranslation('form');
  const { values, touched, change } = useFormValues(undefined, {});
  const [submitted, setSubmitted] = useState(false);
  const schema = action.input.schema as RJSFSchema;
  const uiSchema = useMemo(() => ({ ...action.input.uiSchema, 'ui:submitButtonOptions': { norender: true } }) as UiSchema, [action]);
  const context: RecordFormContext = useMemo(() => ({ ui: { ...ui, fields: action.input.fields, sections: [] } }), [ui, action]);
  const problems = [...schemaProblems(schema, values, t), ...serverProblems];
  const shown = problems.filter((p) => submitted || touched.has(topField(p)));
  const run = () => {
    setSubmitted(true);
    if (!schemaProblems(schema, values, t).length) onRun(filledValues(values, schema));
  };
  return (
    <Modal
      open
      title={pick(action.label)}
      okText={pick(action.label)}
      okButtonProps={{ danger: !!action.confirm, 'data-testid': 'action-run' } as ButtonProps}
      confirmLoading={running}
      onOk={run}
      onCancel={onClose}
      width={560}
    >
      <div data-testid={`action-input-${action.name}`}>
        {action.confirm && <Alert type="warning" showIcon title={pick(action.confirm)} style={{ marginBottom: 16 }} />}
        <ThemedForm
          schema={schema}
          uiSchema={uiSchema}
          formData={values}
          formContext={context}
          validator={validator}
          extraErrors={toErrorSchema(shown)}
          showErrorList={false}
          noHtml5Validate
          onChange={(event) => change((event.formData ?? {}) as Record<string, unknown>)}
          onSubmit={run}
        />
      </div>
    </Modal>
  );
}
