/** The import arrows of DESIGN.md ("Layout and who may import whom"). A wrong import fails `npm test`. */
module.exports = {
  forbidden: [
    {
      name: 'metadata-is-the-bottom-layer',
      comment: 'metadata/ is the language; it may not reach into the runtime, plugins or the web apps.',
      severity: 'error',
      from: { path: '^metadata/' },
      to: { path: '^(engine|plugins|studio|runtime-ui|migrations|tests)/' },
    },
    {
      name: 'metadata-pure-modules-stay-browser-safe',
      comment: 'Only the store may touch the database; everything else in metadata/ runs in the browser too.',
      severity: 'error',
      from: { path: '^metadata/src/', pathNot: '^metadata/src/store' },
      to: { path: '(^node_modules/(knex|pg|@electric-sql)/)|(^metadata/src/store)', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'engine-does-not-know-plugins-or-apps',
      comment: 'Unit tests beside the code may use the shared test helpers of tests/helpers/.',
      severity: 'error',
      from: { path: '^engine/', pathNot: '\\.test\\.ts$' },
      to: { path: '^(plugins|studio|runtime-ui|tests)/' },
    },
    {
      name: 'plugins-use-only-the-plugin-api',
      severity: 'error',
      from: { path: '^plugins/' },
      to: { path: '^(engine/(?!src/plugin-api\\.ts$)|studio/|runtime-ui/|migrations/)' },
    },
    {
      name: 'web-apps-use-the-http-api',
      severity: 'error',
      from: { path: '^(runtime-ui|studio)/' },
      to: { path: '^(engine|plugins|migrations|metadata/src/store)' },
    },
    {
      name: 'runtime-ui-does-not-import-studio',
      severity: 'error',
      from: { path: '^runtime-ui/' },
      to: { path: '^studio/' },
    },
    {
      name: 'migrations-only-use-knex',
      severity: 'error',
      from: { path: '^migrations/' },
      to: { path: '^(engine|metadata|plugins|studio|runtime-ui)/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.json'] },
  },
};
