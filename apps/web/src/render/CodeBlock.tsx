import {
  Children,
  isValidElement,
  useEffect,
  useState,
  type ComponentPropsWithoutRef,
  type ReactNode,
} from 'react';
import { CopyButton } from './CopyButton.js';

/** The fenced code's language and text, from react-markdown's `<pre><code class="language-x">`. */
function readCode(children: ReactNode): { language: string | undefined; text: string } {
  const code = Children.toArray(children).find(isValidElement) as
    { props: { className?: string; children?: ReactNode } } | undefined;
  const language = /language-([\w+#-]+)/.exec(code?.props.className ?? '')?.[1];
  const text = Children.toArray(code?.props.children ?? children)
    .map((c) => (typeof c === 'string' || typeof c === 'number' ? String(c) : ''))
    .join('')
    .replace(/\n$/, '');
  return { language, text };
}

/**
 * A fenced code block with its language, "Copy code", and syntax colours that load on
 * first use (the highlighter is its own chunk; until it arrives the code shows plain).
 */
export function CodeBlock({ children, ...rest }: ComponentPropsWithoutRef<'pre'>) {
  const { language, text } = readCode(children);
  const [highlighted, setHighlighted] = useState<ReactNode>(null);
  useEffect(() => {
    let cancelled = false;
    void import('./highlight-code.js').then(({ highlightCode }) => {
      if (!cancelled) setHighlighted(highlightCode(text, language));
    });
    return () => {
      cancelled = true;
    };
  }, [text, language]);
  return (
    <figure className="code-block">
      <figcaption className="code-head">
        <span className="code-language">{language ?? 'code'}</span>
        <CopyButton text={text} label="Copy code" />
      </figcaption>
      <pre {...rest} tabIndex={0}>
        <code
          className={highlighted ? 'hljs' : undefined}
          data-highlighted={highlighted ? 'yes' : 'no'}
        >
          {highlighted ?? text}
        </code>
      </pre>
    </figure>
  );
}
