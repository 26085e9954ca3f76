/** The web app's part of BENCHMARKS.md: first-view script weight and the list's render time, with targets. */
import type { Row, Target } from './report.ts';
import { f2 } from './report.ts';
import type { UiRun } from './ui-load.ts';

/** Wanted (issue 7): under 500 kB of script for a first view, and a 50-row list rendered within 300 ms of its response. */
const WANTED = { scriptKb: 500, renderMs: 300 };

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
const heaviest = (run: UiRun) => Math.max(...run.views.map((v) => v.scriptBytes));

export function uiRows(run: UiRun): Row[] {
  const { engine, raw, samples } = run.renders;
  return [
    ...run.views.map((view) => ({
      figure: `First view of the web app, ${view.name} (\`${view.path}\`, empty cache): script bytes on the wire (${view.encodings.join(', ')})`,
      engine: `${kb(view.scriptBytes)} in ${view.scripts} files`,
      raw: `budget ${WANTED.scriptKb} kB`,
      ratio: `${f2(view.scriptBytes / 1024 / WANTED.scriptKb)} of the budget`,
    })),
    {
      figure: `A ${run.rows}-row list view in Chromium, from its response's end to the rows in the page, p50 / p95 (${samples} loads); raw: the same JSON as a plain DOM table in the same page`,
      engine: `${f2(engine.p50)} / ${f2(engine.p95)} ms`,
      raw: `${f2(raw.p50)} / ${f2(raw.p95)} ms`,
      ratio: `p95 ${f2(engine.p95 / Math.max(raw.p95, 0.1))}× raw`,
    },
  ];
}

export function uiTargets(run: UiRun): Target[] {
  return [
    {
      name: 'Script of the heaviest first view',
      target: `< ${WANTED.scriptKb} kB`,
      measured: kb(heaviest(run)),
      pass: heaviest(run) < WANTED.scriptKb * 1024,
    },
    {
      name: `${run.rows}-row list rendered after its response, p95`,
      target: `< ${WANTED.renderMs} ms`,
      measured: `${f2(run.renders.engine.p95)} ms`,
      pass: run.renders.engine.p95 < WANTED.renderMs,
    },
  ];
}
