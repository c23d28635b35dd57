import { describe, expect, it } from 'vitest';
import { codeBlocks, extractTables } from './markdown-tables.js';

describe('extractTables', () => {
  it('reads columns, rows and numeric columns of a plain table', () => {
    const [table, ...rest] = extractTables(
      '| Stage | Deals | Amount |\n|---|---|---|\n| Proposal | 4 | $120,000 |\n| Won | 2 | $80k |\n',
    );
    expect(rest).toHaveLength(0);
    expect(table?.columns).toEqual(['Stage', 'Deals', 'Amount']);
    expect(table?.rows).toEqual([
      ['Proposal', '4', '$120,000'],
      ['Won', '2', '$80k'],
    ]);
    expect(table?.numericColumns).toEqual([1, 2]);
  });

  it('keeps escaped pipes inside cells, also inside inline code', () => {
    const [table] = extractTables('| Term | Meaning |\n|---|---|\n| a \\| b | either `x\\|y` |\n');
    expect(table?.rows).toEqual([['a | b', 'either x|y']]);
  });

  it('reads alignment rows and tables without outer pipes', () => {
    const [table] = extractTables(
      'Rep | Quota | Attainment\n:--- | ---: | :---:\nAlex | $500k | 82%\nSam | $450k | 104%\n',
    );
    expect(table?.columns).toEqual(['Rep', 'Quota', 'Attainment']);
    expect(table?.rows).toHaveLength(2);
    expect(table?.numericColumns).toEqual([1, 2]);
  });

  it('pads short rows and cuts long ones to the header width', () => {
    const [table] = extractTables('| A | B | C |\n|---|---|---|\n| 1 |\n| 1 | 2 | 3 | 4 | 5 |\n');
    expect(table?.rows).toEqual([
      ['1', '', ''],
      ['1', '2', '3'],
    ]);
  });

  it('flattens inline formatting to text', () => {
    const [table] = extractTables(
      '| Account | Next step |\n|---|---|\n| **Contoso** | _Call_ [Dana](https://example.com) about `pricing`<br>today |\n| ![logo](x.png) | ~~none~~ |\n',
    );
    expect(table?.rows[0]).toEqual(['Contoso', 'Call Dana about pricing today']);
    expect(table?.rows[1]?.[0]).toBe('logo');
  });

  it('ignores empty and placeholder cells when deciding what is numeric', () => {
    const [table] = extractTables(
      '| Rep | Won | Lost |\n|---|---|---|\n| Alex | 3 | |\n| Sam | — | 2 |\n| Kim | 1 | n/a |\n',
    );
    expect(table?.numericColumns).toEqual([1, 2]);
  });

  it('does not call a column with text in it numeric', () => {
    const [table] = extractTables('| Deal | Amount |\n|---|---|\n| A | $10k |\n| B | TBD |\n');
    expect(table?.numericColumns).toEqual([]);
  });

  it('names empty headers and takes a heading right above as the title', () => {
    const [table] = extractTables(
      '### Pipeline by stage\n\n| | Amount |\n|---|---|\n| Won | 5 |\n',
    );
    expect(table?.title).toBe('Pipeline by stage');
    expect(table?.columns).toEqual(['Column 1', 'Amount']);
  });

  it('finds no table in prose with pipes, in code blocks or without a delimiter row', () => {
    const markdown = [
      'Compare plan A | plan B | plan C before Friday.',
      '',
      '```',
      '| a | b |',
      '|---|---|',
      '| 1 | 2 |',
      '```',
      '',
      '| not | a table |',
      '| still | prose |',
    ].join('\n');
    expect(extractTables(markdown)).toEqual([]);
  });

  it('finds several tables, also nested in lists and quotes, in order', () => {
    const markdown =
      '| A |\n|---|\n| 1 |\n\n> | B |\n> |---|\n> | 2 |\n\n- item\n\n  | C |\n  |---|\n  | 3 |\n';
    expect(extractTables(markdown).map((t) => t.columns[0])).toEqual(['A', 'B', 'C']);
  });

  it('returns a table with a header but no rows', () => {
    const [table] = extractTables('| Only | Header |\n|---|---|\n');
    expect(table?.rows).toEqual([]);
    expect(table?.numericColumns).toEqual([]);
  });
});

describe('codeBlocks', () => {
  it('finds fences of the language written with tildes, spaces or capitals, in lists and quotes', () => {
    const markdown = [
      '```chart\none\n```',
      '~~~ Chart\ntwo\n~~~',
      '- item\n\n  ````chart\n  three\n  ````',
      '> ```chart\n> four\n> ```',
      '```json\nnot a chart\n```',
    ].join('\n\n');
    expect(codeBlocks(markdown, 'chart')).toEqual(['one', 'two', 'three', 'four']);
    // Each form alone, too (the text is looked at for a fence before it is parsed).
    expect(codeBlocks('~~~ Chart\ntwo\n~~~', 'chart')).toEqual(['two']);
    expect(codeBlocks('> ````chart\n> four\n> ````', 'chart')).toEqual(['four']);
  });

  it('finds none in text that only talks about charts', () => {
    expect(codeBlocks('A chart of `chart` data, and ``` alone.', 'chart')).toEqual([]);
  });
});
