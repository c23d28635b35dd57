import { textAnswer, type RecordedRequest, type ScriptStep } from '@salescoach/llm/testing';

/** The title writer's request (the utility model naming a conversation). */
export function isTitleRequest(request: RecordedRequest): boolean {
  const messages = (request.body as { messages?: { role: string; content?: unknown }[] })?.messages;
  const system = messages?.[0];
  return (
    system?.role === 'system' &&
    typeof system.content === 'string' &&
    system.content.startsWith('You name conversations')
  );
}

/** The last user message of a chat request (the question the coach is answering). */
export function lastQuestion(request: RecordedRequest): string {
  const messages =
    (request.body as { messages?: { role: string; content?: unknown }[] })?.messages ?? [];
  const last = messages.findLast((m) => m.role === 'user');
  return typeof last?.content === 'string' ? last.content : '';
}

/**
 * A fallback for the scripted server: titles get `title`, questions get the answer of the
 * first entry whose key the question contains, else `otherwise`.
 */
export function answersByQuestion(
  answers: readonly (readonly [string, ScriptStep])[],
  options: { title: string; otherwise: ScriptStep },
): (request: RecordedRequest) => ScriptStep {
  return (request) => {
    if (isTitleRequest(request)) return textAnswer(options.title);
    const question = lastQuestion(request);
    return answers.find(([key]) => question.includes(key))?.[1] ?? options.otherwise;
  };
}
