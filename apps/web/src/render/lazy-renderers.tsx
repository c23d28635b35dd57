import { lazy, Suspense } from 'react';
import type { ChartSpec } from '@salescoach/domain';

// Markdown and charts live in their own chunks: the first screen does not wait for them.
const MarkdownChunk = lazy(() => import('./Markdown.js'));
const ChartChunk = lazy(() => import('./Chart.js'));

/** Renders markdown once its chunk arrives; until then the plain text stays readable. */
export function LazyMarkdown({ text }: { text: string }) {
  return (
    <Suspense fallback={<div className="markdown plain">{text}</div>}>
      <MarkdownChunk text={text} />
    </Suspense>
  );
}

export function LazyChart({ spec }: { spec: ChartSpec }) {
  return (
    <Suspense
      fallback={
        <div className="chart chart-loading" aria-busy="true" aria-label={`Chart: ${spec.title}`} />
      }
    >
      <ChartChunk spec={spec} />
    </Suspense>
  );
}
