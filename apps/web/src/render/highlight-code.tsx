import type { Element, ElementContent, Root } from 'hast';
import bash from 'highlight.js/lib/languages/bash';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import python from 'highlight.js/lib/languages/python';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import yaml from 'highlight.js/lib/languages/yaml';
import { createLowlight } from 'lowlight';
import type { ReactNode } from 'react';

// A few languages people paste in sales work (queries, scripts, data); loaded on first use.
const lowlight = createLowlight({ bash, javascript, json, python, sql, typescript, yaml });
lowlight.registerAlias({
  bash: ['sh', 'shell'],
  javascript: ['js'],
  typescript: ['ts'],
  yaml: ['yml'],
});

function toReact(node: ElementContent, key: number): ReactNode {
  if (node.type === 'text') return node.value;
  if (node.type !== 'element') return null;
  const element: Element = node;
  const names = element.properties.className;
  const className = Array.isArray(names) ? names.join(' ') : undefined;
  return (
    <span key={key} className={className}>
      {element.children.map(toReact)}
    </span>
  );
}

/** The code as coloured spans (never HTML strings); unknown languages are guessed. */
export function highlightCode(text: string, language: string | undefined): ReactNode {
  const tree: Root =
    language && lowlight.registered(language)
      ? lowlight.highlight(language, text)
      : lowlight.highlightAuto(text);
  return tree.children.map((child, i) => toReact(child as ElementContent, i));
}
