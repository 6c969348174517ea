// The import direction of docs/architecture.md ("Dependency direction"), checked by `npm test`:
//   contracts ← domain ← db ← server ← apps;  contracts ← jobs ← server
//   apps/web client code (components/, features/, lib/client/, lib/shared/) → contracts, domain only
//   a feature is imported by others only through its index.ts
// Workspace packages resolve through their node_modules symlinks to packages/<name>/src, so the
// rules below name folders, never package names.
const CLIENT = "^apps/web/src/(components|features|lib/client|lib/shared)/";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "contracts-are-the-bottom",
      comment: "packages/contracts holds wire shapes only: it imports no other Loupe package.",
      severity: "error",
      from: { path: "^packages/contracts/" },
      to: { path: "^(packages/(domain|db|jobs|server)|apps)/" },
    },
    {
      name: "domain-has-no-io",
      comment: "packages/domain is pure logic over contracts: no database, queue, services or apps.",
      severity: "error",
      from: { path: "^packages/domain/" },
      to: { path: "^(packages/(db|jobs|server)|apps)/" },
    },
    {
      name: "db-below-server",
      comment: "packages/db knows contracts and domain only.",
      severity: "error",
      from: { path: "^packages/db/" },
      to: { path: "^(packages/(jobs|server)|apps)/" },
    },
    {
      name: "jobs-below-server",
      comment: "packages/jobs (the queue catalog) knows contracts only.",
      severity: "error",
      from: { path: "^packages/jobs/" },
      to: { path: "^(packages/(domain|db|server)|apps)/" },
    },
    {
      name: "packages-never-import-apps",
      severity: "error",
      from: { path: "^packages/" },
      to: { path: "^apps/" },
    },
    {
      name: "apps-are-independent",
      comment: "The web app and the worker share code through packages, never through each other.",
      severity: "error",
      from: { path: "^apps/worker/" },
      to: { path: "^apps/web/" },
    },
    {
      name: "apps-are-independent-web",
      severity: "error",
      from: { path: "^apps/web/" },
      to: { path: "^apps/worker/" },
    },
    {
      name: "client-code-calls-the-api",
      comment: "Browser code reaches the database, services and queue only through an internal API route.",
      severity: "error",
      from: { path: CLIENT },
      to: { path: "^(packages/(db|server|jobs)/|apps/web/src/lib/server/|apps/web/src/app/)" },
    },
    {
      name: "shared-helpers-are-neutral",
      comment: "lib/shared is imported by server and client code alike, so it imports neither side.",
      severity: "error",
      from: { path: "^apps/web/src/lib/shared/" },
      to: { path: "^apps/web/src/(lib/client|lib/server|components|features)/" },
    },
    {
      name: "features-through-their-index",
      comment: "A feature imports another feature only through features/<name>/index.ts.",
      severity: "error",
      from: { path: "^apps/web/src/features/([^/]+)/" },
      to: {
        path: "^apps/web/src/features/[^/]+/",
        pathNot: ["^apps/web/src/features/$1/", "^apps/web/src/features/[^/]+/index\\.tsx?$"],
      },
    },
    {
      name: "pages-use-feature-index",
      comment: "Pages, components and lib import a feature only through features/<name>/index.ts.",
      severity: "error",
      from: { path: "^apps/web/src/", pathNot: "^apps/web/src/features/" },
      to: { path: "^apps/web/src/features/", pathNot: "^apps/web/src/features/[^/]+/index\\.tsx?$" },
    },
    {
      name: "no-circular",
      comment: "A runtime import cycle; cycles made only of `import type` are erased at compile time and allowed.",
      severity: "error",
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(node_modules|\\.next|generated)/" },
    tsPreCompilationDeps: true,
    // apps/web's `@/*` path. Not apps/web/tsconfig.json itself: dependency-cruiser resolves paths against
    // the working directory when a tsconfig has no baseUrl.
    tsConfig: { fileName: "tsconfig.depcruise.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".mts", ".js", ".mjs", ".cjs", ".json"],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
