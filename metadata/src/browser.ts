/**
 * The entry of the browser bundle (`npm run build:logic`, dist/browser/qudao-logic.js): the one JsonLogic evaluator
 * of the platform, with every operator it registers, for the web apps. Nothing here may need Node.
 */
export { evaluateLogic, interpretLogic, isTruthy } from './jsonlogic.ts';
