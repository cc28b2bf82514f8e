#!/usr/bin/env node
// The container's HEALTHCHECK: exits 0 when the app answers GET /healthz on PORT with 200, 1
// otherwise. PORT serves /healthz in HTTP mode and in Socket Mode alike (where it says down while
// the WebSocket to Slack is).
const port = process.env.PORT || '3000';

fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(4000) }).then(
  (response) => process.exit(response.status === 200 ? 0 : 1),
  () => process.exit(1),
);
