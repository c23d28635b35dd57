/** Measurements the domain reports; the API maps them to Prometheus metrics. */
export interface Telemetry {
  answerStarted(): void;
  answerFinished(status: 'complete' | 'interrupted' | 'failed', durationMs: number): void;
  toolFinished(server: string, status: 'ok' | 'failed' | 'refused', durationMs: number): void;
  llmError(code: string): void;
}

export const noTelemetry: Telemetry = {
  answerStarted: () => undefined,
  answerFinished: () => undefined,
  toolFinished: () => undefined,
  llmError: () => undefined,
};
