import type { DataRow } from '../../engine/src/plugin-api.ts';

/** Rows every install loads, through the same validation and hooks as the API. */
export default function seed(): DataRow[] {
  return [{ object: 'note', values: { title: '欢迎 Welcome', body: '这是示例插件的第一条笔记 This is the first note' } }];
}
