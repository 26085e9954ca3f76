/**
 * Who decides (or is notified): the list of approvers, each removable, and a picker that adds one — a user, a role, the
 * manager of the user a field holds, or the record owner's manager; for a notification also the portal users of the
 * account a field links to. A lookup (JsonLogic) approver is kept as it is.
 */
import { useState } from 'react';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, List, Select, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ObjectDoc, Recipient } from '../../../metadata/src/types.ts';
import { accountLinkFields, fieldOption, userFields, useRoleOptions, useUserOptions, type Option } from './workflow-choices.ts';

type PickedKind = 'role' | 'user' | 'managerOf' | 'ownerManager' | 'accountUsers';
const APPROVER_KINDS: PickedKind[] = ['role', 'user', 'managerOf', 'ownerManager'];

const listOf = <T,>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
/** One approver is written as itself, several as a list, none as nothing. */
const valueOf = <T,>(list: T[]): T | T[] | undefined => (list.length === 0 ? undefined : list.length === 1 ? list[0] : list);

const kindOf = (approver: Recipient) => Object.keys(approver)[0] as PickedKind | 'lookup';

function approverOf(kind: PickedKind, value: string | undefined): Recipient {
  if (kind === 'ownerManager') return { ownerManager: true };
  return { [kind]: value! } as Recipient;
}

interface Props<T extends Recipient> {
  value: T | T[] | undefined;
  onChange: (value: T | T[] | undefined) => void;
  object: ObjectDoc | undefined;
  testId: string;
  /** A notification's recipients may also be an account's portal users (never an approval step's). */
  portalUsers?: boolean;
}

export function ApproversInput<T extends Recipient>({ value, onChange, object, testId, portalUsers = false }: Props<T>) {
  const { t } = useTranslation('workflows');
  const roles = useRoleOptions();
  const users = useUserOptions();
  const fields = userFields(object).map(fieldOption);
  const choices: Record<PickedKind, Option[]> = {
    role: roles, user: users.options, managerOf: fields, ownerManager: [], accountUsers: accountLinkFields(object).map(fieldOption),
  };
  const kinds = portalUsers ? [...APPROVER_KINDS, 'accountUsers' as const] : APPROVER_KINDS;
  const list = listOf(value);
  const describe = (approver: Recipient) => {
    const kind = kindOf(approver);
    if (kind === 'lookup' || kind === 'ownerManager') return t(`approval.kinds.${kind}`);
    const name = String((approver as Record<string, unknown>)[kind]);
    return `${t(`approval.kinds.${kind}`)}: ${choices[kind].find((o) => o.value === name)?.label ?? name}`;
  };
  return (
    <div data-testid={testId}>
      <List
        size="small"
        bordered
        locale={{ emptyText: t('approval.noApprovers') }}
        dataSource={list}
        renderItem={(approver, i) => (
          <List.Item
            data-testid={`${testId}-item`}
            actions={[<Button key="remove" size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => onChange(valueOf(list.filter((_, k) => k !== i)))} data-testid={`${testId}-remove-${i}`} />]}
          >
            <Typography.Text>{describe(approver)}</Typography.Text>
          </List.Item>
        )}
      />
      <ApproverPicker kinds={kinds} choices={choices} usersFailed={users.failed} testId={testId} onAdd={(approver) => onChange(valueOf([...list, approver as T]))} />
    </div>
  );
}

interface PickerProps {
  kinds: PickedKind[];
  choices: Record<PickedKind, Option[]>;
  usersFailed: boolean;
  testId: string;
  onAdd: (approver: Recipient) => void;
}

function ApproverPicker({ kinds, choices, usersFailed, testId, onAdd }: PickerProps) {
  const { t } = useTranslation('workflows');
  const [kind, setKind] = useState<PickedKind>('role');
  const [value, setValue] = useState<string>();
  const add = () => {
    onAdd(approverOf(kind, value));
    setValue(undefined);
  };
  return (
    <Flex gap={4} style={{ marginTop: 6 }}>
      <Select<PickedKind>
        value={kind}
        onChange={(next) => { setKind(next); setValue(undefined); }}
        options={kinds.map((k) => ({ value: k, label: t(`approval.kinds.${k}`) }))}
        style={{ width: 130, flex: 'none' }}
        data-testid={`${testId}-kind`}
      />
      {kind !== 'ownerManager' && (
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          value={value}
          onChange={setValue}
          options={choices[kind]}
          notFoundContent={kind === 'user' && usersFailed ? t('approval.usersUnavailable') : undefined}
          style={{ flex: 1, minWidth: 0 }}
          data-testid={`${testId}-value`}
        />
      )}
      <Tooltip title={t('approval.addApprover')}>
        <Button icon={<PlusOutlined />} aria-label={t('approval.addApprover')} disabled={kind !== 'ownerManager' && !value} onClick={add} data-testid={`${testId}-add`} />
      </Tooltip>
    </Flex>
  );
}
