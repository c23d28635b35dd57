export { startTestStack, type TestStack, type TestStackOptions } from './test-stack.js';
export { collectEvents, waitFor } from './event-collector.js';
