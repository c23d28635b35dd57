import type { LlmMessage, LlmToolDefinition } from '@salescoach/domain';
import type {
  ChatCompletionFunctionTool,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';

/** Port messages → the Chat Completions message shape. */
export function toApiMessages(messages: readonly LlmMessage[]): ChatCompletionMessageParam[] {
  return messages.map((message): ChatCompletionMessageParam => {
    switch (message.role) {
      case 'system':
        return { role: 'system', content: message.content };
      case 'user':
        return message.name === undefined
          ? { role: 'user', content: message.content }
          : { role: 'user', content: message.content, name: apiName(message.name) };
      case 'assistant': {
        const calls = message.toolCalls ?? [];
        if (calls.length === 0) return { role: 'assistant', content: message.content };
        return {
          role: 'assistant',
          // The API accepts null content beside tool calls; an empty string is refused by some servers.
          content: message.content === '' ? null : message.content,
          tool_calls: calls.map((call) => ({
            id: call.id,
            type: 'function',
            function: { name: call.name, arguments: call.arguments },
          })),
        };
      }
      case 'tool':
        return { role: 'tool', tool_call_id: message.toolCallId, content: message.content };
    }
  });
}

/** Port tool definitions → `{ type: 'function', function: { name, description, parameters } }`. */
export function toApiTools(tools: readonly LlmToolDefinition[]): ChatCompletionFunctionTool[] {
  return tools.map((tool) => ({
    type: 'function',
    function: { name: tool.name, description: tool.description, parameters: tool.parameters },
  }));
}

/** The API's `name` field allows [A-Za-z0-9_-]{1,64}; display names are folded to fit. */
function apiName(name: string): string {
  const folded = name.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 64);
  return folded === '' ? 'user' : folded;
}
