/** One grant of "explain access", said in the user's language; a sharing rule links to its editor. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { OBJECT_RIGHTS, type ObjectDoc, type ObjectRight, type SharingRuleDoc } from '../../../metadata/src/types.ts';
import { pick } from '../i18n/index.ts';
import type { AccessGrant, AccessReason, AccessRefusal } from '../../../metadata/src/ui-contract.ts';

interface Props {
  reason: AccessReason;
  object: ObjectDoc | undefined;
  rules: readonly SharingRuleDoc[];
}

export function ReasonText({ reason, object, rules }: Props) {
  const { t } = useTranslation('permissions');
  return <span data-testid="explain-reason" data-grant={reason.grant.kind}>{t(`reach.${reason.reach}`)}<GrantText grant={reason.grant} object={object} rules={rules} /></span>;
}

function GrantText({ grant, object, rules }: { grant: AccessGrant | AccessRefusal; object: ObjectDoc | undefined; rules: readonly SharingRuleDoc[] }) {
  const { t } = useTranslation('permissions');
  const right = (name: string) => (OBJECT_RIGHTS.includes(name as ObjectRight) ? t(`rights.${name}`) : name);
  switch (grant.kind) {
    case 'sharingRule': {
      const rule = rules.find((r) => r.name === grant.name);
      return <Link to={`/permissions/sharing/${grant.name}`}>{t('grants.sharingRule', { name: rule ? `${pick(rule.label)} (${grant.name})` : grant.name })}</Link>;
    }
    case 'master': {
      const field = object?.fields.find((f) => f.name === grant.field);
      return <>{t('grants.master', { field: field ? pick(field.label) : grant.field })}</>;
    }
    case 'dealerLink': return <>{grant.via ? t('grants.dealerLinkVia', { via: grant.via }) : t('grants.dealerLink')}</>;
    case 'permission': return <>{t('grants.permission', { right: right(grant.right) })}</>;
    case 'noPermission': return <>{t('grants.noPermission', { right: right(grant.right) })}</>;
    case 'objectAccess': return <>{grant.access === 'portalPublic' ? t('grants.portalPublic') : t('grants.objectAccess', { access: t(`access.${grant.access}`) })}</>;
    default: return <>{t(`grants.${grant.kind}`)}</>;
  }
}
