# Concord API. Built from the repository root; see docker-compose.yml.
FROM node:20-bookworm

WORKDIR /app

# The sources must be in place before `npm ci`: its `prepare` script runs the TypeScript build
# (tsc -p tsconfig.build.json into dist/). bookworm ships the toolchain better-sqlite3 may need.
COPY . .
RUN npm ci && test -f dist/apps/api/src/main.js

ENV NODE_ENV=production \
    PORT=4000 \
    CONCORD_DATA_DIR=/data

# Owned by the unprivileged user, so that a fresh named volume mounted here is writable.
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node

EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=5 \
  CMD curl --fail --silent http://localhost:4000/health/live || exit 1

CMD ["node", "dist/apps/api/src/main.js"]
