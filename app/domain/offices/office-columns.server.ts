// The office's address and addressee as one set of columns, for the pages that show where a
// delivery goes (the public event page, a coordinator's "My deliveries").
import { offices } from "#db/schema";

export const officeAddressColumns = {
  city: offices.city,
  region: offices.region,
  addressLine1: offices.addressLine1,
  addressLine2: offices.addressLine2,
  postalCode: offices.postalCode,
  decisionMaker: offices.decisionMaker,
  decisionMakerTitle: offices.decisionMakerTitle,
};
