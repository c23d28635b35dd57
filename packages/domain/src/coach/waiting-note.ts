/** A tool call the answer left waiting for an approval, and who decides it. */
export interface WaitingCall {
  readonly tool: string;
  readonly decider: string;
}

/**
 * What an answer that left calls waiting ends with, so the asker reads what waits and for
 * whom whatever the model wrote; `content` is the answer so far (a separator when not empty).
 */
export function waitingNote(content: string, awaiting: readonly WaitingCall[]): string {
  const lines = awaiting.map((w) => `- \`${w.tool}\` waits for approval by ${w.decider}.`);
  return `${content === '' ? '' : '\n\n'}**Waiting for approval** (nothing was changed yet):\n${lines.join('\n')}`;
}
