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
 * A fallback for the scripted server: titles get the title of the first `titles` entry whose
 * key the titled question contains, else `title`; questions get the answer of the first entry
 * whose key the question contains, else `otherwise`.
 */
export function answersByQuestion(
  answers: readonly (readonly [string, ScriptStep])[],
  options: {
    title: string;
    titles?: readonly (readonly [string, string])[];
    otherwise: ScriptStep;
  },
): (request: RecordedRequest) => ScriptStep {
  return (request) => {
    const question = lastQuestion(request);
    if (isTitleRequest(request))
      return textAnswer(
        options.titles?.find(([key]) => question.includes(key))?.[1] ?? options.title,
      );
    return answers.find(([key]) => question.includes(key))?.[1] ?? options.otherwise;
  };
}
