# slack-helpdesk container image (docs/operations.md#container).
#
#   docker build -t slack-helpdesk .
#   docker run -d -p 3000:3000 --env-file .env -v "$PWD/helpdesk.yml:/app/helpdesk.yml:ro" -v helpdesk-data:/data slack-helpdesk
#
# Two stages: the official Node 20 image compiles the TypeScript and better-sqlite3's native
# module; the slim Node 20 image runs the result as the unprivileged `node` user. Both base images
# can be replaced (--build-arg NODE_IMAGE=… RUNTIME_IMAGE=…) by images with the same layout:
# Node 20 and npm on the PATH, a `node` user, and for NODE_IMAGE python3, make and g++.
ARG NODE_IMAGE=node:20-bookworm
ARG RUNTIME_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/build.js scripts/healthcheck.js ./scripts/
COPY migrations ./migrations
COPY src ./src
# Build, then keep only what runs: the production dependencies, with better-sqlite3 already compiled.
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM ${RUNTIME_IMAGE}
ENV NODE_ENV=production \
    PORT=3000 \
    DATABASE_URL=sqlite:/data/helpdesk.sqlite
WORKDIR /app
# The app's files belong to root and are read-only to the app; only /data is its own.
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/scripts/healthcheck.js ./scripts/healthcheck.js
RUN mkdir -p /data && chown node:node /data
# The SQLite database (DATABASE_URL above); unused with DATABASE_URL=postgres://…
VOLUME ["/data"]
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 CMD ["node", "scripts/healthcheck.js"]
# Node itself is process 1 (no npm in between), so SIGTERM reaches the app's graceful shutdown.
CMD ["node", "--max-old-space-size=160", "--initial-old-space-size=64", "dist/src/main.js"]
