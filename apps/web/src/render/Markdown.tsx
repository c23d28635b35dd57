import type { ComponentPropsWithoutRef } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { CodeBlock } from './CodeBlock.js';
import { CollapsibleRows } from './CollapsibleRows.js';
import { MarkdownTableRow, MarkdownTableRows } from './markdown-table-rows.js';
import { allowedImageSrc, allowedLinkHref } from './url-policy.js';

const origin = () => window.location.origin;

/**
 * Tables scroll sideways on small screens and keep their header; numbers line up right.
 * The scroll box is a focusable group (not a landmark: an answer may hold many tables).
 */
function Table(props: ComponentPropsWithoutRef<'table'>) {
  return (
    <div className="table-scroll md-table" tabIndex={0} role="group" aria-label="Table">
      <table {...props} />
    </div>
  );
}

/** Web and mail links open in a new tab; anything else (javascript:, data:) is only text. */
function Anchor({ href, children, ...rest }: ComponentPropsWithoutRef<'a'>) {
  const safe = allowedLinkHref(href, origin());
  if (!safe) return <span className="unsafe-link">{children}</span>;
  return (
    <a href={safe} target="_blank" rel="noopener noreferrer nofollow" {...rest}>
      {children}
    </a>
  );
}

/** Images from this origin show; any other image is a link to it, never fetched by itself. */
function Image({ src, alt }: ComponentPropsWithoutRef<'img'>) {
  const text = typeof src === 'string' ? src : undefined;
  const allowed = allowedImageSrc(text, origin());
  if (allowed) return <img src={allowed} alt={alt ?? ''} loading="lazy" />;
  const href = allowedLinkHref(text, origin());
  const label = `Image: ${alt || text || 'image'}`;
  return href ? (
    <a href={href} target="_blank" rel="noopener noreferrer nofollow" className="blocked-image">
      {label}
    </a>
  ) : (
    <span className="blocked-image">{label}</span>
  );
}

const components: Components = {
  table: ({ node, ...props }) => (
    <MarkdownTableRows node={node}>
      <Table {...props} />
    </MarkdownTableRows>
  ),
  tr: ({ node, ...props }) => <MarkdownTableRow node={node} {...props} />,
  a: ({ node: _node, ...props }) => <Anchor {...props} />,
  img: ({ node: _node, ...props }) => <Image {...props} />,
  tbody: ({ node: _node, ...props }) => <CollapsibleRows {...props} />,
  pre: ({ node: _node, ...props }) => <CodeBlock {...props} />,
};

// URLs are judged by the components above; keep them as written until then.
const keepUrl = (url: string) => url;

/**
 * An answer's markdown with GitHub tables. Raw HTML is never rendered (react-markdown
 * drops it without rehype-raw); links and images go through the URL policy.
 */
export default function Markdown({ text }: { text: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown
        remarkPlugins={[remarkGfm]}
        skipHtml
        components={components}
        urlTransform={keepUrl}
      >
        {text}
      </ReactMarkdown>
    </div>
  );
}
