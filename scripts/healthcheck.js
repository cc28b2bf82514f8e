#!/usr/bin/env node
// The container's HEALTHCHECK: exits 0 when the app answers GET /healthz with 200, 1 otherwise.
// HTTP mode asks the Slack-facing port (PORT), which says only up or down; Socket Mode, which has
// no Slack-facing port, asks the operations port (METRICS_PORT, with METRICS_TOKEN when set).
const socketMode = Boolean(process.env.SLACK_APP_TOKEN);
const port = socketMode ? process.env.METRICS_PORT || '9464' : process.env.PORT || '3000';
const headers = socketMode && process.env.METRICS_TOKEN ? { authorization: `Bearer ${process.env.METRICS_TOKEN}` } : {};

fetch(`http://127.0.0.1:${port}/healthz`, { headers, signal: AbortSignal.timeout(4000) }).then(
  (response) => process.exit(response.status === 200 ? 0 : 1),
  () => process.exit(1),
);
