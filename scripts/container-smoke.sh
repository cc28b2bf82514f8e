#!/usr/bin/env bash
# Builds the Dockerfile's image on a machine that cannot pull from a registry, and files a ticket
# through it against the local Slack (docs/operations.md#container).
#
#   scripts/container-smoke.sh        (as root, on Debian 12, with Node 20 at /usr/bin/node or /usr/local/bin/node)
#
# 1. Makes the two base images the Dockerfile expects from Debian's packages, since node:20 cannot
#    be pulled: debootstrap's minimal bookworm plus this machine's Node 20 and npm in /usr/local and
#    a `node` user (Debian 12's own nodejs package is Node 18); the build base adds python3, make,
#    g++ and Node's headers for better-sqlite3, and this machine's CA bundle for npm.
# 2. Builds the image with buildah (--isolation chroot: no container runtime needed for RUN).
# 3. Checks what the image says: the `node` user, the HEALTHCHECK, the /data volume, the command.
# 4. Runs it: with podman when podman can start containers here; otherwise the image's own
#    filesystem, user, working directory and command run through `buildah run --isolation chroot`
#    on the host's network (no pid, network or cgroup isolation). Either way
#    scripts/smoke-file-a-ticket.js waits for /healthz, runs the HEALTHCHECK command, files Karen's
#    ticket through the app, sees the card and her confirmation, and stops the app with SIGTERM.
#
# Needs the network (Debian's mirror, the npm registry) and a built tree (`npm run build`) for the
# local Slack. The first run took about 35 minutes on a busy shared 2-core machine (base images 12,
# image build 22, most of it compiling better-sqlite3); a rerun with the base images and buildah's
# layers kept took 25 s (SMOKE_REBUILD_BASES=1 remakes the base images).
set -euo pipefail
cd "$(dirname "$0")/.."

WORK=${SMOKE_WORK:-/var/tmp/helpdesk-container-smoke}
BUILD_BASE=localhost/stand-in/node:20-bookworm
RUNTIME_BASE=localhost/stand-in/node:20-bookworm-slim
IMAGE=localhost/slack-helpdesk:smoke
NODE_BIN=$(command -v node)
NODE_PREFIX=$(dirname "$(dirname "$(readlink -f "$NODE_BIN")")")
say() { printf 'container-smoke: %s\n' "$*"; }

[ "$(id -u)" = 0 ] || { say "run as root (debootstrap, buildah)"; exit 1; }
node -e 'process.exit(Number(process.versions.node.split(".")[0]) === 20 ? 0 : 1)' || { say "needs Node 20 on the PATH"; exit 1; }
[ -f dist/src/sandbox/local-slack/local-slack.js ] || { say "build first: npm run build"; exit 1; }
missing=()
for tool in podman buildah debootstrap; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# podman's default ulimits can exceed what a container or VM lets root set; use this machine's.
ULIMITS=(--ulimit "nofile=$(ulimit -Hn):$(ulimit -Hn)")

make_bases() {
  say "making the base images from Debian bookworm and Node $(node --version) (${NODE_PREFIX})"
  rm -rf "$WORK" && mkdir -p "$WORK"
  debootstrap --variant=minbase bookworm "$WORK/slim" http://deb.debian.org/debian >"$WORK/debootstrap.log"
  mkdir -p "$WORK/slim/usr/local/bin" "$WORK/slim/usr/local/lib/node_modules" "$WORK/slim/usr/local/include"
  cp "$(readlink -f "$NODE_BIN")" "$WORK/slim/usr/local/bin/node"
  cp -a "$NODE_PREFIX/lib/node_modules/npm" "$WORK/slim/usr/local/lib/node_modules/npm"
  cp -a "$NODE_PREFIX/include/node" "$WORK/slim/usr/local/include/node"
  ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$WORK/slim/usr/local/bin/npm"
  ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$WORK/slim/usr/local/bin/npx"
  chroot "$WORK/slim" sh -c 'groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node'
  cp -a "$WORK/slim" "$WORK/build"
  cp /etc/resolv.conf "$WORK/build/etc/resolv.conf"
  mount -t proc proc "$WORK/build/proc"
  chroot "$WORK/build" sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3 make g++ >/dev/null && apt-get clean && rm -rf /var/lib/apt/lists/*' || { umount "$WORK/build/proc"; exit 1; }
  umount "$WORK/build/proc"
  rm -f "$WORK/build/etc/resolv.conf"
  mkdir -p "$WORK/build/etc/ssl/certs" && cp /etc/ssl/certs/ca-certificates.crt "$WORK/build/etc/ssl/certs/ca-certificates.crt"
  local path='ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
  tar -C "$WORK/slim" -c . | podman import --change "$path" --change 'CMD ["node"]' - "$RUNTIME_BASE" >/dev/null
  tar -C "$WORK/build" -c . | podman import --change "$path" --change 'ENV npm_config_nodedir=/usr/local' \
    --change 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt' --change 'CMD ["node"]' - "$BUILD_BASE" >/dev/null
  rm -rf "$WORK/slim" "$WORK/build"
}

started=$(date +%s)
if [ "${SMOKE_REBUILD_BASES:-0}" = 1 ] || ! podman image exists "$BUILD_BASE" || ! podman image exists "$RUNTIME_BASE"; then make_bases; fi
say "base images ready after $(($(date +%s) - started)) s; building the image"
buildah bud --isolation chroot --layers --format docker "${ULIMITS[@]}" \
  --build-arg NODE_IMAGE="$BUILD_BASE" --build-arg RUNTIME_IMAGE="$RUNTIME_BASE" -t "$IMAGE" . >"${WORK}-build.log" 2>&1 ||
  { tail -n 30 "${WORK}-build.log"; say "the image build failed (log: ${WORK}-build.log)"; exit 1; }
say "image built after $(($(date +%s) - started)) s: $(podman image inspect "$IMAGE" --format '{{.Size}}') bytes"

# What the image declares.
config=$(podman image inspect "$IMAGE" --format '{{json .Config}}' | node -e "
  const config = JSON.parse(require('fs').readFileSync(0, 'utf8'));
  console.log(JSON.stringify({ ...config, Healthcheck: JSON.parse(process.argv[1]) }));" "$(podman image inspect "$IMAGE" --format '{{json .HealthCheck}}')")
check() { node -e "const c = JSON.parse(process.argv[1]); if (!($2)) { console.error('container-smoke: the image has no ' + process.argv[2]); process.exit(1); }" "$config" "$1"; }
check 'the node user' 'c.User === "node"'
check 'HEALTHCHECK' 'JSON.stringify(c.Healthcheck?.Test) === JSON.stringify(["CMD", "node", "scripts/healthcheck.js"])'
check '/data volume' '"/data" in (c.Volumes ?? {})'
check 'command' 'c.Cmd.at(-1) === "dist/src/main.js"'
say "the image runs as node, has its HEALTHCHECK, the /data volume and its command"

container=$(buildah from "$IMAGE")
trap 'buildah rm "$container" >/dev/null 2>&1 || true' EXIT
if podman run --rm "${ULIMITS[@]}" "$IMAGE" node --version >/dev/null 2>&1; then
  say "running it with podman"
  run=(podman run --rm --network host "${ULIMITS[@]}" -e SLACK_API_URL='{{SLACK_API_URL}}' -e SLACK_BOT_TOKEN='{{SLACK_BOT_TOKEN}}'
    -e SLACK_SIGNING_SECRET='{{SLACK_SIGNING_SECRET}}' -e PORT='{{PORT}}' -v '{{HELPDESK_CONFIG}}:/app/helpdesk.yml:ro' "$IMAGE")
  healthcheck="podman exec \$(podman ps -q --filter ancestor=$IMAGE | head -n 1) node scripts/healthcheck.js"
else
  say "podman cannot start containers here ($(podman run --rm "${ULIMITS[@]}" "$IMAGE" true 2>&1 | tail -n 1)); running the image with buildah run --isolation chroot"
  env=(--env SLACK_API_URL='{{SLACK_API_URL}}' --env SLACK_BOT_TOKEN='{{SLACK_BOT_TOKEN}}' --env SLACK_SIGNING_SECRET='{{SLACK_SIGNING_SECRET}}' --env PORT='{{PORT}}')
  # The image's user and working directory apply; its command is given again (buildah run needs one).
  [ "$(buildah run --isolation chroot "$container" -- id -u)" = 1000 ] || { say "the image does not run as uid 1000"; exit 1; }
  buildah run --isolation chroot "$container" -- sh -c 'touch /data/.writable && ! touch /app/.writable 2>/dev/null' ||
    { say "the node user should write /data and not /app"; exit 1; }
  run=(buildah run --isolation chroot "${env[@]}" -v '{{HELPDESK_CONFIG}}:/app/helpdesk.yml:ro' "$container" --
    node --max-old-space-size=160 --initial-old-space-size=64 dist/src/main.js)
  healthcheck="buildah run --isolation chroot --env PORT={{PORT}} $container -- node scripts/healthcheck.js"
fi
node scripts/smoke-file-a-ticket.js --healthcheck "$healthcheck" -- "${run[@]}"
say "passed in $(($(date +%s) - started)) s"
