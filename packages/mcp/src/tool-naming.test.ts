import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.js';
import { exposedToolName } from './tool-naming.js';

describe('exposedToolName', () => {
  it('joins server and tool with a double underscore and replaces other characters', () => {
    expect(exposedToolName('crm', 'pipeline_summary')).toBe('crm__pipeline_summary');
    expect(exposedToolName('docs', 'search.v2 (beta)')).toBe('docs__search_v2__beta_');
  });

  it('keeps long names within 64 characters, unique and stable', () => {
    const a = exposedToolName('server', 'x'.repeat(80));
    const b = exposedToolName('server', `${'x'.repeat(79)}y`);
    expect(a).toHaveLength(64);
    expect(a).not.toBe(b);
    expect(exposedToolName('server', 'x'.repeat(80))).toBe(a);
  });

  it('disambiguates names that sanitise to one already taken', () => {
    const first = exposedToolName('s', 'a.b');
    const second = exposedToolName('s', 'a_b', new Set([first]));
    expect(second).not.toBe(first);
    expect(second).toMatch(/^s__a_b_[0-9a-f]{6}$/);
  });
});

describe('backoffDelay', () => {
  const options = { initialDelayMs: 100, maxDelayMs: 1_000 };
  it('grows exponentially with jitter between half and all of the step, capped', () => {
    expect(backoffDelay(0, options, () => 0)).toBe(50);
    expect(backoffDelay(0, options, () => 1)).toBe(100);
    expect(backoffDelay(3, options, () => 0.5)).toBe(600);
    expect(backoffDelay(20, options, () => 1)).toBe(1_000);
  });
});
