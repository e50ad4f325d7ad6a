/** The dependency directions of ARCHITECTURE.md, checked by `npm run lint`. */
module.exports = {
  forbidden: [
    {
      name: 'apps-not-each-other',
      severity: 'error',
      comment: 'apps import libs, never each other',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'libs-not-apps',
      severity: 'error',
      comment: 'libs never import apps',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment:
        'libs/appointment imports nothing from NestJS, a database, BullMQ, the event store or Node I/O',
      from: { path: '^libs/appointment/', pathNot: '\\.spec\\.ts$' },
      to: {
        path: '(^libs/(?!appointment/|time/))|node_modules/(@nestjs|pg|bullmq|ioredis|@eventstore)/|^(fs|net|http|https|child_process)$',
      },
    },
    {
      name: 'time-is-pure',
      severity: 'error',
      comment: 'libs/time is the date/time module the pure domain builds on: it imports nothing',
      from: { path: '^libs/time/', pathNot: '\\.spec\\.ts$' },
      to: { pathNot: '^libs/time/' },
    },
    {
      name: 'console-calls-only-the-api',
      severity: 'error',
      comment: 'the console reaches the service over its public HTTP API only, never through libs',
      from: { path: '^apps/console/' },
      to: { path: '^libs/' },
    },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: '(^dist/|node_modules)' },
  },
};
