// Layer rules for src/ (`npm run layers`, part of `npm test`). docs/architecture.md explains the
// layers. Violations that existed when a rule was written were listed in
// .dependency-cruiser-known-violations.json; the restructuring (issue 15) removed them all, so the
// list is empty and any violation fails the check. Refresh the list only when it shrinks:
// `npx depcruise src --config .dependency-cruiser.cjs --output-type baseline > .dependency-cruiser-known-violations.json`.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'src/domain is the help-desk rules alone: it imports nothing outside itself (no Node modules, no libraries, no other layer).',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { pathNot: '^src/domain/' },
    },
    {
      name: 'services-use-ports',
      comment:
        'Use cases depend on the domain and on interfaces they define, never on TypeORM, Slack, node-cron, the persistence layer or the config files (src/config reads helpdesk.yml and hands the services what they need).',
      severity: 'error',
      from: { path: '^src/services/' },
      to: { path: ['^src/persistence/', '^src/slack/', '^src/scheduler/', '^src/config/', '^src/composition/', 'node_modules/(typeorm|@slack|node-cron|better-sqlite3|pg)/'] },
    },
    {
      name: 'slack-layer-without-database',
      comment: 'Listeners, view builders and the delivery gateway never touch the database.',
      severity: 'error',
      from: { path: '^src/slack/' },
      to: { path: ['^src/persistence/', 'node_modules/(typeorm|better-sqlite3|pg)/'] },
    },
    {
      name: 'persistence-without-slack',
      comment: 'Persistence knows nothing of Slack.',
      severity: 'error',
      from: { path: '^src/persistence/' },
      to: { path: ['^src/slack/', 'node_modules/@slack/'] },
    },
    {
      name: 'schedules-and-observability-use-ports',
      comment: 'The node-cron schedules and the operations figures read the database through ports (ScheduleLeases, OperationsReads) that the composition root fills.',
      severity: 'error',
      from: { path: ['^src/scheduler/', '^src/observability/'] },
      to: { path: ['^src/persistence/', 'node_modules/(typeorm|better-sqlite3|pg)/'] },
    },
    {
      name: 'sql-stays-in-persistence',
      comment:
        'Repositories, the write batch and the row codec are private to persistence: everything else uses the Sql* adapters through the ports. Inside persistence, SQL stays in the repository that writes it; writes that run together join a WriteBatch (test/persistence/no-statement-builders.test.ts).',
      severity: 'error',
      from: { pathNot: '^src/persistence/' },
      to: { path: ['^src/persistence/repositories/', '^src/persistence/(row-codec|bulk-sql|ticket-filing|column-transformers|write-batch)[.]ts$'] },
    },
    {
      name: 'one-composition-root',
      comment: 'src/helpdesk.ts wires the layers with the parts in src/composition/; no layer reaches back into the wiring.',
      severity: 'error',
      from: { pathNot: ['^src/helpdesk[.]ts$', '^src/composition/'] },
      to: { path: '^src/composition/' },
    },
    {
      name: 'started-only-by-entry-points',
      comment: 'The composition root is started by src/main.ts and by the sandbox (which the tests and benchmarks use), by nothing else in src/.',
      severity: 'error',
      from: { pathNot: ['^src/main[.]ts$', '^src/sandbox/'] },
      to: { path: '^src/helpdesk[.]ts$' },
    },
    {
      name: 'no-circular',
      comment: 'A cycle makes two modules one; split what they share instead.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.build.json' },
    tsPreCompilationDeps: true,
    exclude: { path: '^src/sandbox/web/public/' },
  },
};
