/** Writes BENCHMARKS.md from the figures of one run. */
import fs from 'node:fs';
import os from 'node:os';
import type { Throughput } from './measure.ts';

export const f0 = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 0 });
export const f2 = (n: number) => n.toFixed(2);
export const rps = (t: Throughput) => `${f0(t.rate)} req/s (p50 ${f2(t.p50)} ms, p99 ${f2(t.p99)} ms)`;
export const ops = (t: Throughput) => `${f0(t.rate)} q/s (p99 ${f2(t.p99)} ms)`;

export interface Row {
  figure: string;
  engine: string;
  raw: string;
  ratio: string;
}

export interface Target {
  name: string;
  target: string;
  measured: string;
  pass: boolean;
}

/** A section of its own, after the list view's plan: paragraphs, then code blocks. */
export interface Section {
  title: string;
  paragraphs: string[];
  code: string[];
}

export interface Report {
  date: string;
  cores: number;
  command: string;
  rows: Row[];
  targets: Target[];
  reading: string;
  explain: string;
  explainVerdict: string;
  sections: Section[];
  addField: string;
  notes: string[];
  /** Markdown table rows: figure | engine rates per round | raw rates per round */
  rounds: string[];
  durationS: number;
}

/** The markdown of BENCHMARKS.md's tables and sections, also printed by the BENCH_ONLY runs to be pasted in. */
export const targetLine = (t: Target) => `| ${t.name} | ${t.target} | ${t.measured} | ${t.pass ? 'PASS' : 'MISS'} |`;
export const rowLine = (row: Row) => `| ${row.figure} | ${row.engine} | ${row.raw} | ${row.ratio} |`;
export const sectionLines = (section: Section) => [
  `## ${section.title}`,
  '',
  ...section.paragraphs.flatMap((p) => [p, '']),
  ...section.code.flatMap((c) => ['```', c, '```', '']),
];

export function writeReport(path: string, r: Report): void {
  const lines = [
    '# Benchmarks',
    '',
    `Date: ${r.date}  `,
    `Machine: ${r.cores} cores (\`nproc\`), ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, PostgreSQL on 127.0.0.1  `,
    `Command: \`${r.command}\` (whole run: ${r.durationS.toFixed(0)} s)`,
    '',
    'Every figure is a ratio to a baseline measured in the same run on the same data (1,000,000 rows of a',
    "20-field object plus a lookup to one of 1,000 dealers). HTTP figures: autocannon, 10 connections, a warm-up then a",
    "measured run, against the engine's app and a bare fastify 5 + pg.Pool server (no validation, no logging) doing",
    'the same SQL by hand, each on its own port of 127.0.0.1, served by a child process so the load generator does not',
    "share their event loop. The portal list's baseline is the same request made by the admin. The approvals figures run",
    'on a database of their own (records submitted to a workflow of two approval steps; see the notes).',
    '',
    '## Targets',
    '',
    '| Target | Wanted | Measured | Result |',
    '|---|---|---|---|',
    ...r.targets.map(targetLine),
    '',
    '## Figures',
    '',
    '| Figure | Engine | Raw baseline | Ratio |',
    '|---|---|---|---|',
    ...r.rows.map(rowLine),
    '',
    '## Reading',
    '',
    r.reading,
    '',
    '## The list view at 1,000,000 rows: EXPLAIN (ANALYZE, BUFFERS) of the SQL the engine generates',
    '',
    r.explainVerdict,
    '',
    '```',
    r.explain,
    '```',
    '',
    ...r.sections.flatMap(sectionLines),
    '## Adding a field to a 1,000,000-row object',
    '',
    r.addField,
    '',
    '## Notes',
    '',
    ...r.notes.map((n) => `- ${n}`),
    '',
    '## Rounds',
    '',
    'Rates of every round (requests or queries per second), engine / subject first; the tables above keep the best of each side.',
    '',
    '| Figure | Engine, per round | Raw, per round |',
    '|---|---|---|',
    ...r.rounds,
    '',
  ];
  fs.writeFileSync(path, lines.join('\n'));
}
