import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import Markdown from './Markdown.js';

afterEach(cleanup);

describe('code blocks', () => {
  it('shows the language, colours the code once the highlighter has loaded, and keeps its text', async () => {
    const { container } = render(
      <Markdown text={"```sql\nSELECT name FROM accounts WHERE region = 'West';\n```"} />,
    );
    expect(screen.getByText('sql')).toBeTruthy();
    const code = container.querySelector('pre code')!;
    await expect.poll(() => code.getAttribute('data-highlighted')).toBe('yes');
    expect(code.querySelector('.hljs-keyword')?.textContent).toBe('SELECT');
    expect(code.textContent).toBe("SELECT name FROM accounts WHERE region = 'West';");
  });
});
