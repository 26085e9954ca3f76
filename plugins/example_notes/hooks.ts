/**
 * The hooks of the example plugin. A plugin imports nothing of the engine but its public plugin API.
 * Everything here is optional: delete what you don't need.
 */
import { definePlugin, reject } from '../../engine/src/plugin-api.ts';

/** Words in a text: runs of letters or digits, each Chinese character counting as one. */
export function countWords(text: unknown): number {
  if (typeof text !== 'string') return 0;
  return (text.match(/\p{Script=Han}|[\p{L}\p{N}]+/gu) ?? []).length;
}

export default definePlugin({
  // Usable in any validation rule once the plugin is installed: {"<": [{"word_count": [{"var": "body"}]}, 3]}
  operators: { word_count: countWords },

  beforeWrite: {
    note: (event) => {
      if ('body' in event.values) event.values.words = countWords(event.values.body);
      if (typeof event.values.title === 'string' && event.values.title.trim() === '') {
        reject([{ field: 'title', rule: 'blank', message: { 'zh-CN': '标题不能只有空格', en: 'The title cannot be only spaces' } }]);
      }
    },
  },

  // POST /api/records/note/:id/actions/pin
  actions: {
    note: {
      pin: ({ record, records }) => records.update('note', record.id as string, { pinned: true }),
    },
  },

  // GET /api/plugins/example_notes/count-words?text=...
  routes: [
    { method: 'GET', path: 'count-words', handler: ({ query }) => ({ words: countWords(query.text) }) },
  ],
});
