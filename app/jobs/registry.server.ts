import { deliveryHandlers } from "./delivery.server";
import { officeHandlers } from "./office.server";
import { organizerHandlers } from "./organizer.server";
import { packetHandlers } from "./packet.server";
import { retentionHandlers } from "./retention.server";
import { signerHandlers } from "./signer.server";
import type { JobHandlers } from "./types";
import { webhookHandlers } from "./webhook.server";

export const handlers: JobHandlers = {
  ...signerHandlers,
  ...organizerHandlers,
  ...deliveryHandlers,
  ...packetHandlers,
  ...officeHandlers,
  ...webhookHandlers,
  ...retentionHandlers,
};
