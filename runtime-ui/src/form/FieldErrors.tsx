/** The errors under one field, findable by browser tests as `field-error-<path>`. */
import type { FieldErrorProps } from '@rjsf/utils';
import { errorId } from '@rjsf/utils';

export function FieldErrors({ errors = [], fieldPathId }: FieldErrorProps) {
  if (!errors.length) return null;
  return (
    <div id={errorId(fieldPathId)} data-testid={`field-error-${fieldPathId.path.join('.')}`}>
      {errors.map((error, i) => <div key={i}>{error}</div>)}
    </div>
  );
}
