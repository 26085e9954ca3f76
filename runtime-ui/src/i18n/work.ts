/** UI text of background work (deploys, plugin installs, imports, letters): the header indicator and progress bars. */
export const work = {
  'zh-CN': {
    title: '后台任务',
    open: '查看后台任务',
    empty: '暂无后台任务',
    loadFailed: '无法加载后台任务',
    running: '{{count}} 项进行中',
    steps: '{{done}} / {{total}}',
    startedAt: '开始于 {{at}}',
    finishedAt: '结束于 {{at}}',
    status: {
      queued: '排队中',
      running: '进行中',
      succeeded: '已完成',
      failed: '失败',
    },
  },
  en: {
    title: 'Background work',
    open: 'Show background work',
    empty: 'No background work yet',
    loadFailed: 'Background work could not be loaded',
    running: '{{count}} running',
    steps: '{{done}} of {{total}}',
    startedAt: 'Started {{at}}',
    finishedAt: 'Finished {{at}}',
    status: {
      queued: 'Queued',
      running: 'Running',
      succeeded: 'Done',
      failed: 'Failed',
    },
  },
};
