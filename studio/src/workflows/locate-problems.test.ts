import { describe, expect, it } from 'vitest';
import { locateProblems } from './locate-problems.ts';

const problem = (field: string, message = field) => ({ field, rule: 'x', message });

describe('locating the engine’s problems on the canvas', () => {
  it('puts a node’s and an edge’s problems on them, by their index in the document, whichever way the engine names the document', () => {
    const located = locateProblems(
      [
        problem('/documents/0/nodes/1/approvers', 'missing approvers'),
        problem('workflow:review/nodes/2', 'unreachable'),
        problem('workflow:review/nodes/1/onTimeout', 'needs due'),
        problem('workflow:review/edges/0/when/>=/0', 'unknown field'),
      ],
      ['start', 'approval_1', 'end'],
      ['link-1', 'link-2'],
    );
    expect(Object.fromEntries(located.byNode)).toEqual({ approval_1: ['missing approvers', 'needs due'], end: ['unreachable'] });
    expect(Object.fromEntries(located.byEdge)).toEqual({ 'link-1': ['unknown field'] });
    expect(located.list.map((p) => p.node ?? p.edge)).toEqual(['approval_1', 'end', 'approval_1', 'link-1']);
  });

  it('keeps a problem of the whole workflow, or of a node no longer drawn, in the list only', () => {
    const located = locateProblems([problem('workflow:review/taskTemplate'), problem('workflow:review/nodes'), problem('/documents/0/nodes/9/id')], ['start'], []);
    expect(located.list).toEqual([{ message: 'workflow:review/taskTemplate' }, { message: 'workflow:review/nodes' }, { message: '/documents/0/nodes/9/id' }]);
    expect(located.byNode.size).toBe(0);
  });
});
