import type { Container, ItemDefinition, OperationInput, SqlQuerySpec } from '@azure/cosmos';

export type ChargeReporter = (operation: string, requestUnits: number) => void;

const SYSTEM_FIELDS = ['_rid', '_self', '_etag', '_attachments', '_ts'] as const;

interface CosmosErrorLike {
  code?: number | string;
  headers?: Record<string, unknown>;
  cause?: unknown;
}

/** The HTTP status of an SDK error (batch errors wrap it in `cause`). */
export function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, cause } = error as CosmosErrorLike;
  if (typeof code === 'number') return code;
  return cause === undefined ? undefined : statusOf(cause);
}

const chargeOf = (headers: Record<string, unknown> | undefined): number => {
  const value = Number(headers?.['x-ms-request-charge'] ?? 0);
  return Number.isFinite(value) ? value : 0;
};

/** A stored document without Cosmos's system properties (before writing it back). */
export function withoutSystemFields<T extends object>(doc: T): T {
  const copy = { ...doc } as Record<string, unknown>;
  for (const field of SYSTEM_FIELDS) delete copy[field];
  return copy as T;
}

export type BatchOutcome = 'committed' | 'precondition-failed';

/**
 * SDK calls with each one's request charge reported under an operation name. Expected
 * statuses come back as values (null on 404, false on 409/412); others throw.
 */
export class CosmosOperations {
  constructor(private readonly report: ChargeReporter) {}

  private charged(
    operation: string,
    headers: Record<string, unknown> | undefined,
    charge?: number,
  ): void {
    this.report(operation, charge ?? chargeOf(headers));
  }

  private failed(operation: string, error: unknown): void {
    const headers = (error as CosmosErrorLike | null)?.headers;
    this.charged(operation, headers);
  }

  async read<T extends ItemDefinition>(
    operation: string,
    container: Container,
    id: string,
    partitionKey: string,
  ) {
    try {
      const response = await container.item(id, partitionKey).read<T>();
      this.charged(operation, response.headers, response.requestCharge);
      return response.resource ? { doc: response.resource, etag: response.etag } : null;
    } catch (error) {
      this.failed(operation, error);
      if (statusOf(error) === 404) return null;
      throw error;
    }
  }

  /** False when a document with that id already exists in the partition. */
  async create(operation: string, container: Container, doc: ItemDefinition): Promise<boolean> {
    try {
      const response = await container.items.create(doc);
      this.charged(operation, response.headers, response.requestCharge);
      return true;
    } catch (error) {
      this.failed(operation, error);
      if (statusOf(error) === 409) return false;
      throw error;
    }
  }

  async upsert(operation: string, container: Container, doc: ItemDefinition): Promise<void> {
    const response = await container.items.upsert(doc);
    this.charged(operation, response.headers, response.requestCharge);
  }

  /** False when the etag no longer matches (someone else wrote first). */
  async replace(
    operation: string,
    container: Container,
    doc: ItemDefinition & { id: string },
    partitionKey: string,
    etag: string,
  ) {
    try {
      const response = await container
        .item(doc.id, partitionKey)
        .replace(doc, { accessCondition: { type: 'IfMatch', condition: etag } });
      this.charged(operation, response.headers, response.requestCharge);
      return true;
    } catch (error) {
      this.failed(operation, error);
      if (statusOf(error) === 412) return false;
      throw error;
    }
  }

  /** False when there was nothing to delete. */
  async delete(
    operation: string,
    container: Container,
    id: string,
    partitionKey: string,
  ): Promise<boolean> {
    try {
      const response = await container.item(id, partitionKey).delete();
      this.charged(operation, response.headers, response.requestCharge);
      return true;
    } catch (error) {
      this.failed(operation, error);
      if (statusOf(error) === 404) return false;
      throw error;
    }
  }

  /** A query; pass `partitionKey` to keep it inside one partition. */
  async query<T>(
    operation: string,
    container: Container,
    spec: SqlQuerySpec,
    partitionKey?: string,
  ): Promise<T[]> {
    const response = await container.items
      .query<T>(spec, partitionKey === undefined ? {} : { partitionKey })
      .fetchAll();
    this.report(operation, response.requestCharge);
    return response.resources;
  }

  /**
   * A transactional batch in one partition. A failed precondition (412) or id conflict
   * (409) on any operation is reported as `precondition-failed`; the batch then changed
   * nothing (the service rolls it back; see docs/data-model.md for the emulator).
   */
  async batch(
    operation: string,
    container: Container,
    partitionKey: string,
    operations: OperationInput[],
  ): Promise<BatchOutcome> {
    let statuses: number[];
    try {
      const response = await container.items.batch(operations, partitionKey);
      this.charged(operation, response.headers);
      statuses = (response.result ?? []).map((r) => r.statusCode);
    } catch (error) {
      this.failed(operation, error);
      const status = statusOf(error);
      if (status === 412 || status === 409) return 'precondition-failed';
      throw error;
    }
    if (statuses.every((s) => s < 400)) return 'committed';
    if (statuses.some((s) => s === 412 || s === 409)) return 'precondition-failed';
    throw new Error(`Cosmos batch failed with statuses ${statuses.join(',')}`);
  }
}
