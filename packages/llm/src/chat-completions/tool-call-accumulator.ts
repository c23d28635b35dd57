import type { LlmToolCall } from '@salescoach/domain';

/** One streamed fragment of a tool call, as it appears in a chunk's `delta.tool_calls`. */
export interface ToolCallFragment {
  readonly index: number;
  readonly id?: string | undefined;
  readonly function?:
    { readonly name?: string | undefined; readonly arguments?: string | undefined } | undefined;
}

interface Pending {
  id: string;
  name: string;
  arguments: string;
}

/**
 * Joins streamed tool-call fragments by their `index`: the first fragment of a call carries
 * its id and name, later ones append to its arguments. Calls come out in index order.
 */
export class ToolCallAccumulator {
  readonly #pending = new Map<number, Pending>();

  add(fragment: ToolCallFragment): void {
    const current = this.#pending.get(fragment.index) ?? { id: '', name: '', arguments: '' };
    if (fragment.id) current.id = fragment.id;
    const name = fragment.function?.name;
    // Most servers send the name once; a few repeat it on every fragment, a few split it.
    if (name && name !== current.name) current.name += name;
    if (fragment.function?.arguments) current.arguments += fragment.function.arguments;
    this.#pending.set(fragment.index, current);
  }

  get size(): number {
    return this.#pending.size;
  }

  /** The complete calls, in index order; a call whose server sent no id gets a stable local one. */
  drain(): LlmToolCall[] {
    const calls = [...this.#pending.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, call]) => ({
        id: call.id === '' ? `call_${index}` : call.id,
        name: call.name,
        arguments: call.arguments === '' ? '{}' : call.arguments,
      }));
    this.#pending.clear();
    return calls;
  }
}
