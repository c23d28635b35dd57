import type { ComponentPropsWithoutRef } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';

/** Tables scroll sideways on small screens and keep their header; numbers line up right. */
function Table(props: ComponentPropsWithoutRef<'table'>) {
  return (
    <div className="table-scroll md-table" tabIndex={0} role="region" aria-label="Table">
      <table {...props} />
    </div>
  );
}

function Anchor({ href, children, ...rest }: ComponentPropsWithoutRef<'a'>) {
  return (
    <a href={href} target="_blank" rel="noopener noreferrer nofollow" {...rest}>
      {children}
    </a>
  );
}

const components: Components = {
  table: ({ node: _node, ...props }) => <Table {...props} />,
  a: ({ node: _node, ...props }) => <Anchor {...props} />,
};

/**
 * An answer's markdown with GitHub tables. Raw HTML is never rendered (react-markdown
 * drops it without rehype-raw), and unsafe link protocols are removed by its URL filter.
 */
export default function Markdown({ text }: { text: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown remarkPlugins={[remarkGfm]} skipHtml components={components}>
        {text}
      </ReactMarkdown>
    </div>
  );
}
