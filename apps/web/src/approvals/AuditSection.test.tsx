import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AuditSection, type AuditPort } from './AuditSection.js';
import type { AuditRowView } from './AuditTable.js';
import { approvedStageChange } from './audit-fixture.js';

afterEach(cleanup);

const entry = approvedStageChange;

let saved: { name: string; type: string; text: Promise<string> }[] = [];
beforeEach(() => {
  saved = [];
  // The browser's download machinery, at the edge: keep what would be saved.
  const blobs = new Map<string, Blob>();
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    const url = `blob:${blobs.size}`;
    blobs.set(url, blob as Blob);
    return url;
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    const blob = blobs.get(this.href)!;
    saved.push({ name: this.download, type: blob.type, text: blob.text() });
  });
  return () => vi.restoreAllMocks();
});

function fakeAudit(entries: AuditRowView[]) {
  const lists: Parameters<AuditPort['list']>[0][] = [];
  const exports: [string, unknown][] = [];
  const port: AuditPort = {
    list(query) {
      lists.push(query);
      return Promise.resolve({ entries: query.userId === 'nobody' ? [] : entries });
    },
    export(format, query) {
      exports.push([format, query]);
      return Promise.resolve({
        filename: `audit.${format}`,
        contentType: format === 'csv' ? 'text/csv' : 'application/json',
        body: format === 'csv' ? 'id,tool\nau1,update_stage\n' : '[]',
        truncated: false,
      });
    },
  };
  return { port, lists, exports };
}

describe('AuditSection', () => {
  it('lists the log, filters it and says when nothing matches', async () => {
    const { port, lists } = fakeAudit([entry]);
    render(<AuditSection port={port} />);
    const region = screen.getByRole('region', { name: 'Audit log' });
    await within(region).findByRole('cell', { name: 'Alex Rivera' });
    expect(lists).toEqual([{ limit: 50 }]);
    // The people and tools seen so far are the filters' choices.
    const user = within(region).getByRole('combobox', { name: 'User' });
    expect(within(user).getByRole('option', { name: 'Alex Rivera' })).toBeTruthy();
    fireEvent.change(within(region).getByRole('combobox', { name: 'Tool' }), {
      target: { value: 'update_stage' },
    });
    fireEvent.click(within(region).getByRole('button', { name: 'Filter' }));
    await waitFor(() => expect(lists).toHaveLength(2));
    expect(lists[1]).toEqual({ limit: 50, tool: 'update_stage' });
  });

  it('exports CSV and JSON for the filters shown', async () => {
    const { port, exports } = fakeAudit([entry]);
    render(<AuditSection port={port} />);
    await screen.findByRole('cell', { name: 'Alex Rivera' });
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await screen.findByText('Exported audit.csv.');
    fireEvent.click(screen.getByRole('button', { name: 'Export JSON' }));
    await screen.findByText('Exported audit.json.');
    expect(exports).toEqual([
      ['csv', {}],
      ['json', {}],
    ]);
    expect(saved.map((s) => [s.name, s.type])).toEqual([
      ['audit.csv', 'text/csv'],
      ['audit.json', 'application/json'],
    ]);
    expect(await saved[0]!.text).toBe('id,tool\nau1,update_stage\n');
  });

  it('shows the empty state and a refusal', async () => {
    const refusing: AuditPort = {
      list: () => Promise.reject(new Error('Only Managers and Admins read the audit log')),
      export: () => Promise.reject(new Error('unused')),
    };
    render(<AuditSection port={refusing} />);
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Only Managers and Admins read the audit log',
    );
    cleanup();
    render(<AuditSection port={fakeAudit([]).port} />);
    await screen.findByText('No tool calls match these filters.');
  });
});
