import type { Telemetry } from '@salescoach/domain';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics for one API process (its own registry: no global state). */
export class ApiMetrics {
  readonly registry = new Registry();
  readonly sockets = new Gauge({
    name: 'salescoach_ws_connections',
    help: 'Open WebSocket connections',
    registers: [this.registry],
  });
  readonly subscriptions = new Gauge({
    name: 'salescoach_subscriptions',
    help: 'Live event subscriptions',
    registers: [this.registry],
  });
  readonly answersInFlight = new Gauge({
    name: 'salescoach_answers_in_flight',
    help: 'Coach answers being generated',
    registers: [this.registry],
  });
  readonly answerSeconds = new Histogram({
    name: 'salescoach_answer_duration_seconds',
    help: 'Time from answer start to its end',
    labelNames: ['status'],
    buckets: [0.1, 0.5, 1, 2, 5, 10, 30, 60, 120],
    registers: [this.registry],
  });
  readonly toolSeconds = new Histogram({
    name: 'salescoach_tool_duration_seconds',
    help: 'MCP tool call latency',
    labelNames: ['server', 'status'],
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 15],
    registers: [this.registry],
  });
  readonly llmErrors = new Counter({
    name: 'salescoach_llm_errors_total',
    help: 'Model call failures by code',
    labelNames: ['code'],
    registers: [this.registry],
  });
  readonly eventAppendSeconds = new Histogram({
    name: 'salescoach_event_log_append_seconds',
    help: 'Event log append latency (the lag before subscribers can see an event)',
    buckets: [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5],
    registers: [this.registry],
  });
  readonly storeCharge = new Counter({
    name: 'salescoach_store_request_units_total',
    help: 'Cosmos DB request units consumed, by operation',
    labelNames: ['operation'],
    registers: [this.registry],
  });
  readonly slowConsumerDrops = new Counter({
    name: 'salescoach_ws_slow_consumer_drops_total',
    help: 'Sockets closed because they stopped reading',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  telemetry(): Telemetry {
    return {
      answerStarted: () => this.answersInFlight.inc(),
      answerFinished: (status, durationMs) => {
        this.answersInFlight.dec();
        this.answerSeconds.observe({ status }, durationMs / 1000);
      },
      toolFinished: (server, status, durationMs) =>
        this.toolSeconds.observe({ server, status }, durationMs / 1000),
      llmError: (code) => this.llmErrors.inc({ code }),
    };
  }
}
