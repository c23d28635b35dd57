import type { ToolDescriptor, ToolHub, ToolOffer } from '../ports/tool-hub.port.js';
import type { ApprovalRecord } from './approval.js';

/**
 * The tool of a request as its asker is offered it now (an `oauth` server's only while they
 * are connected). One instance serves one read: requests of the same role and asker share
 * one `offerFor` lookup.
 */
export class OfferedTools {
  private readonly offers = new Map<string, Promise<ToolOffer>>();

  constructor(private readonly tools: ToolHub) {}

  async find(record: ApprovalRecord): Promise<ToolDescriptor | undefined> {
    const key = JSON.stringify([record.role, record.asker.id]);
    let offer = this.offers.get(key);
    if (!offer) {
      offer = this.tools.offerFor(record.role, record.asker.id);
      this.offers.set(key, offer);
    }
    return (await offer).tools.find((d) => d.name === record.name);
  }
}
