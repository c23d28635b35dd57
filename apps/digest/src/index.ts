export { digestText } from './digest-text.js';
export { nextRun } from './schedule.js';
export { runDigest, type DigestRun } from './run-digest.js';
export { digestTokenSource } from './service-token.js';
export { runDigestCli } from './cli.js';
