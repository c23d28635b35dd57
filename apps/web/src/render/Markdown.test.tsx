import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import Markdown from './Markdown.js';

afterEach(cleanup);

describe('Markdown', () => {
  it('renders headings, emphasis and lists', () => {
    render(
      <Markdown text={'## Pipeline\n\nYou have **3 deals** at risk:\n\n- Contoso\n- Fabrikam'} />,
    );
    expect(screen.getByRole('heading', { name: 'Pipeline', level: 2 })).toBeTruthy();
    expect(screen.getByText('3 deals').tagName).toBe('STRONG');
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Contoso',
      'Fabrikam',
    ]);
  });

  it('renders a GFM table as a real table inside a focusable scroll group', () => {
    const text =
      '| Stage | Amount |\n|---|---:|\n| Proposal | $120,000 |\n| Negotiation | $80,000 |';
    render(<Markdown text={text} />);
    const table = screen.getByRole('table');
    expect(screen.getAllByRole('columnheader').map((th) => th.textContent)).toEqual([
      'Stage',
      'Amount',
    ]);
    expect(screen.getAllByRole('row')).toHaveLength(3);
    expect(table.closest('[role="group"][tabindex="0"]')).not.toBeNull();
    expect(screen.getByRole('cell', { name: '$120,000' })).toBeTruthy();
  });

  it('never renders raw HTML from an answer', () => {
    const { container } = render(
      <Markdown text={'Hi <img src=x onerror="alert(1)"> <script>alert(2)</script> <b>bold</b>'} />,
    );
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
  });

  it('renders javascript: links as text and opens others in a new tab safely', () => {
    const { container } = render(
      <Markdown text={'[bad](javascript:alert(1)) and [docs](https://example.com/x)'} />,
    );
    const links = screen.getAllByRole('link');
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://example.com/x']);
    expect(links[0]!.getAttribute('rel')).toContain('noopener');
    expect(container.querySelectorAll('a')).toHaveLength(1);
    expect(screen.getByText('bad').tagName).toBe('SPAN');
  });

  it('shows images from this origin only; an outside image is a link that loads nothing', () => {
    const { container } = render(
      <Markdown
        text={'![chart](/favicon.svg) ![pixel](https://tracker.example/p.gif?leak=acc-001)'}
      />,
    );
    const images = [...container.querySelectorAll('img')];
    expect(images.map((img) => img.getAttribute('src'))).toEqual([
      `${window.location.origin}/favicon.svg`,
    ]);
    const link = screen.getByRole('link', { name: 'Image: pixel' });
    expect(link.getAttribute('href')).toBe('https://tracker.example/p.gif?leak=acc-001');
  });

  it('shows the first ten rows of a long table and the rest on request', () => {
    const rows = Array.from({ length: 25 }, (_, i) => `| Deal ${i + 1} | ${i} |`).join('\n');
    render(<Markdown text={`| Deal | Days |\n|---|---:|\n${rows}`} />);
    expect(screen.queryByRole('cell', { name: 'Deal 11' })).toBeNull();
    expect(screen.getByRole('cell', { name: 'Deal 10' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Show all 25 rows' }));
    expect(screen.getByRole('cell', { name: 'Deal 25' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Show the first 10 rows' })).toBeTruthy();
  });
});
