// Strings for the deliveries a petition's public pages list (the petition page and its schedule):
// kept apart so a signer's phone downloads these lines, not the whole delivery namespace, which
// includes them for the dashboard. `es` is typed from `en`: a missing Spanish key fails typecheck.
const en = {
  status: {
    planned: "Planned",
    confirmed: "Confirmed",
    packet_ready: "Packet ready",
    delivered: "Delivered",
    acknowledged: "Acknowledged",
    postponed: "Postponed",
    cancelled: "Cancelled",
  },
  deliveriesPlanned: "Where it will be delivered",
  deliveriesDone: "Where it was delivered",
  deliveriesMixed: "Deliveries",
  joinDelivery: (city: string) => `Join the delivery in ${city}`,
  howItWentIn: (city: string) => `How the delivery in ${city} went`,
  deliveredOn: (when: string) => `Delivered ${when}`,
};

const es: typeof en = {
  status: {
    planned: "Planificada",
    confirmed: "Confirmada",
    packet_ready: "Paquete listo",
    delivered: "Entregada",
    acknowledged: "Respondida",
    postponed: "Aplazada",
    cancelled: "Cancelada",
  },
  deliveriesPlanned: "Dónde se entregará",
  deliveriesDone: "Dónde se entregó",
  deliveriesMixed: "Entregas",
  joinDelivery: (city) => `Súmate a la entrega en ${city}`,
  howItWentIn: (city) => `Cómo fue la entrega en ${city}`,
  deliveredOn: (when) => `Entregada el ${when}`,
};

export default { en, es };
