import { expect, it } from 'vitest';
import { evaluateLogic } from '../jsonlogic.ts';

// The cases that JSON can hold are in operator-cases.json, which Node and the browser both run.

it('prior does not read a $prior inherited through the prototype chain', () => {
  expect(evaluateLogic({ prior: 'status' }, Object.create({ $prior: { status: 'open' } }))).toBeNull();
});
