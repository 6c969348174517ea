# Loupe: one image for the web app, the worker and the one-shot migrate/setup step.
#
#   docker build -t loupe .
#   docker run loupe                                      # web (Next behind the Node server) on :3000
#   docker run loupe tsx apps/worker/src/main.ts          # worker, /health on :3030
#   docker run loupe tsx apps/worker/src/cli/setup.ts     # migrations + LOUPE_INIT_* setup
#
# docker-compose.yml wires the three together with Postgres and Redis. Commands start the process
# directly (not through `npm run` / `npx`, which do not pass SIGTERM on), so `docker stop` lets
# the worker finish its active jobs; `npx tsx …` works too, for one-shot commands.

ARG NODE_IMAGE=node:20-bookworm-slim

# ---------------------------------------------------------------------------------------------
# base: Node 20 with the npm the repository pins (package.json "packageManager"); npm 11 is what
# honours the "allowScripts" policy in package.json (no dependency install scripts run).
FROM ${NODE_IMAGE} AS base
ARG NPM_VERSION=11.19.1
ENV NEXT_TELEMETRY_DISABLED=1 \
    TURBO_TELEMETRY_DISABLED=1 \
    NPM_CONFIG_UPDATE_NOTIFIER=false
RUN npm install --global --no-audit --no-fund "npm@${NPM_VERSION}" \
 && npm cache clean --force
WORKDIR /app

# ---------------------------------------------------------------------------------------------
# manifests: only the package.json files of the root and of every workspace, plus the lockfile,
# so the dependency layer below is rebuilt only when one of them changes (and a new workspace
# under apps/ or packages/ is picked up without editing this file).
FROM base AS manifests
COPY . /src
RUN mkdir /manifests \
 && cd /src \
 && cp --parents package.json package-lock.json .npmrc /manifests/ \
 && find apps packages -mindepth 2 -maxdepth 2 -name package.json -exec cp --parents {} /manifests/ \;

# ---------------------------------------------------------------------------------------------
# deps: every dependency (dev included: the build needs prisma, tailwind, typescript).
# `npm ci` refuses this lockfile (it is not byte-for-byte in sync with package.json), so this is
# `npm install`, which resolves the same versions the lockfile pins.
FROM base AS deps
COPY --from=manifests /manifests/ ./
RUN npm install --no-audit --no-fund \
 && npm cache clean --force

# ---------------------------------------------------------------------------------------------
# build: generate the Prisma client, build the Next.js app, then drop the dev dependencies (build
# tools, test runners, linters) that nothing needs at run time.
FROM deps AS build
COPY . .
RUN npm run db:generate \
 && npm run build -w @loupe/web \
 && rm -rf apps/web/.next/cache \
 && mv apps/web/.next /next-build \
 && npm prune --omit=dev --no-audit --no-fund \
 && npm cache clean --force

# ---------------------------------------------------------------------------------------------
# runtime: application files owned by root (read-only for the app); only Next.js's build output
# directory belongs to the unprivileged `node` user: Next writes its route cache there.
FROM base AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    HOSTNAME=0.0.0.0 \
    WORKER_PORT=3030 \
    WORKER_HOST=0.0.0.0
# tsx runs the worker and the setup CLI from their TypeScript source. It is a root devDependency,
# so the prune above removed it: install the version package.json pins, globally (where `npx tsx`
# finds it), before the application files so this layer stays cached while only source changes.
COPY --from=manifests /manifests/package.json ./package.json
RUN npm install --global --no-audit --no-fund "tsx@$(node -p 'require("./package.json").devDependencies.tsx')" \
 && npm cache clean --force \
 && tsx --version
COPY --from=build /app /app
COPY --from=build --chown=node:node /next-build /app/apps/web/.next
# Also as node_modules/.bin/tsx, where scripts and tools look for it.
RUN ln -s "$(npm prefix --global)/bin/tsx" node_modules/.bin/tsx
USER node
EXPOSE 3000 3030
# = `npm run start -w @loupe/web` (Next's production server behind the Node server that answers the
# hot routes, ADR 0005; PORT and HOSTNAME from the environment), without npm in between.
CMD ["tsx", "apps/web/src/node-server/main.ts"]
