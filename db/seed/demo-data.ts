// Names and places for the demo campaign.
export const DEMO_PASSWORD = "handover-demo-2026";

export const DEMO_USERS = [
  {
    key: "owner",
    email: "olivia@handover.test",
    name: "Olivia Ramírez",
    role: "owner",
    locale: "en",
  },
  {
    key: "organizer",
    email: "marcus@handover.test",
    name: "Marcus Lee",
    role: "organizer",
    locale: "en",
  },
  {
    key: "coordHouston",
    email: "hector@handover.test",
    name: "Héctor Villanueva",
    role: "coordinator",
    locale: "es",
  },
  {
    key: "coordChicago",
    email: "claire@handover.test",
    name: "Claire Novak",
    role: "coordinator",
    locale: "en",
  },
  { key: "viewer", email: "vera@handover.test", name: "Vera Okafor", role: "viewer", locale: "en" },
] as const;

export const DEMO_OFFICES = [
  {
    key: "chicago",
    name: "Campaign Headquarters",
    kind: "campaign_hq",
    decisionMaker: "Dana Whitfield",
    decisionMakerTitle: "Campaign Manager",
    addressLine1: "233 S Wacker Dr, Suite 4400",
    city: "Chicago",
    region: "IL",
    postalCode: "60606",
    timeZone: "America/Chicago",
    phone: "+1 312 555 0140",
    localRegions: ["IL"],
    localPostalPrefixes: ["606", "607", "608"],
  },
  {
    key: "miami",
    name: "Miami-Dade Party Office",
    kind: "party_office",
    decisionMaker: "Rafael Castillo",
    decisionMakerTitle: "County Party Chair",
    addressLine1: "1000 Brickell Ave, Suite 200",
    city: "Miami",
    region: "FL",
    postalCode: "33131",
    timeZone: "America/New_York",
    phone: "+1 305 555 0112",
    localRegions: ["FL"],
    localPostalPrefixes: ["331", "330"],
  },
  {
    key: "atlanta",
    name: "Georgia State Party Office",
    kind: "party_office",
    decisionMaker: "Keisha Monroe",
    decisionMakerTitle: "State Party Chair",
    addressLine1: "600 Peachtree St NE",
    city: "Atlanta",
    region: "GA",
    postalCode: "30308",
    timeZone: "America/New_York",
    phone: "+1 404 555 0175",
    localRegions: ["GA"],
    localPostalPrefixes: ["303"],
  },
  {
    key: "houston",
    name: "Harris County Party Office",
    kind: "party_office",
    decisionMaker: "Luis Gutiérrez",
    decisionMakerTitle: "County Party Chair",
    addressLine1: "4301 Montrose Blvd",
    city: "Houston",
    region: "TX",
    postalCode: "77006",
    timeZone: "America/Chicago",
    phone: "+1 713 555 0190",
    localRegions: ["TX"],
    localPostalPrefixes: ["770", "772"],
  },
  {
    key: "charlotte",
    name: "Mecklenburg County Party Office",
    kind: "party_office",
    decisionMaker: "Grace Holloway",
    decisionMakerTitle: "County Party Chair",
    addressLine1: "1515 Mockingbird Ln",
    city: "Charlotte",
    region: "NC",
    postalCode: "28209",
    timeZone: "America/New_York",
    phone: "+1 704 555 0133",
    localRegions: ["NC"],
    localPostalPrefixes: ["282"],
  },
] as const;

// City, region, a few ZIP codes, and a weight (share of signatures).
export const DEMO_PLACES = [
  {
    city: "Chicago",
    region: "IL",
    zips: ["60608", "60623", "60632", "60639", "60647"],
    weight: 18,
  },
  { city: "Cicero", region: "IL", zips: ["60804"], weight: 3 },
  { city: "Miami", region: "FL", zips: ["33125", "33135", "33142", "33165"], weight: 14 },
  { city: "Hialeah", region: "FL", zips: ["33010", "33012"], weight: 4 },
  { city: "Atlanta", region: "GA", zips: ["30310", "30315", "30344"], weight: 9 },
  { city: "Doraville", region: "GA", zips: ["30340"], weight: 2 },
  { city: "Houston", region: "TX", zips: ["77011", "77036", "77081", "77093"], weight: 16 },
  { city: "Pasadena", region: "TX", zips: ["77506"], weight: 3 },
  { city: "Charlotte", region: "NC", zips: ["28205", "28212", "28217"], weight: 8 },
  { city: "Los Angeles", region: "CA", zips: ["90011", "90022", "90033"], weight: 8 },
  { city: "Phoenix", region: "AZ", zips: ["85009", "85041"], weight: 5 },
  { city: "New York", region: "NY", zips: ["10032", "10040", "11368"], weight: 5 },
  { city: "Denver", region: "CO", zips: ["80204", "80219"], weight: 3 },
  { city: "San Antonio", region: "TX", zips: ["78207", "78237"], weight: 2 },
] as const;

export const FIRST_NAMES = [
  "María",
  "José",
  "Guadalupe",
  "Juan",
  "Ana",
  "Luis",
  "Carmen",
  "Carlos",
  "Rosa",
  "Miguel",
  "Lucía",
  "Jorge",
  "Elena",
  "Pedro",
  "Sofía",
  "Diego",
  "Isabel",
  "Fernando",
  "Daniela",
  "Ricardo",
  "Adriana",
  "Alejandro",
  "Patricia",
  "Francisco",
  "Verónica",
  "Emily",
  "James",
  "Aisha",
  "Michael",
  "Sarah",
  "David",
  "Jennifer",
  "Kwame",
  "Linh",
  "Mohammed",
  "Grace",
  "Samuel",
  "Olga",
  "Tomás",
  "Yesenia",
] as const;

export const LAST_NAMES = [
  "García",
  "Martínez",
  "Hernández",
  "López",
  "González",
  "Rodríguez",
  "Pérez",
  "Sánchez",
  "Ramírez",
  "Torres",
  "Flores",
  "Rivera",
  "Gómez",
  "Díaz",
  "Reyes",
  "Morales",
  "Cruz",
  "Ortiz",
  "Gutiérrez",
  "Chávez",
  "Ramos",
  "Vargas",
  "Castillo",
  "Jiménez",
  "Moreno",
  "Smith",
  "Johnson",
  "Williams",
  "Brown",
  "Nguyen",
  "Okafor",
  "Mensah",
  "Kowalski",
  "Haddad",
  "Patel",
  "Kim",
  "Silva",
  "Mendoza",
  "Navarro",
] as const;

export const COMMENTS = {
  en: [
    "My uncle was deported after being stopped for a broken tail light. Our family has not been whole since.",
    "A traffic ticket should never tear a family apart.",
    "I drive my kids to school every day. I should not have to be afraid.",
    "Local police should keep us safe, not act as immigration agents.",
    "Signing for my neighbors who can't sign for themselves.",
  ],
  es: [
    "Deportaron a mi tío después de que lo pararan por una luz trasera rota. Nuestra familia no ha vuelto a estar completa.",
    "Una multa de tránsito nunca debería separar a una familia.",
    "Llevo a mis hijos a la escuela todos los días. No debería tener miedo.",
    "La policía local debe protegernos, no actuar como agentes de inmigración.",
    "Firmo por mis vecinos que no pueden firmar.",
  ],
} as const;

export const PETITION_TEXTS = {
  en: {
    title: "Stop deportations that start with a traffic stop",
    summary:
      "No one should lose their family over a broken tail light. End the transfer of people stopped for minor traffic violations to immigration detention.",
    body: `Every week, parents in our communities are pulled over for a broken tail light, a rolling stop or an expired registration — and end up in immigration detention, far from their children.

**We call on you to:**

1. End agreements that hand people stopped for minor traffic violations to immigration authorities.
2. Stop immigration holds for anyone whose only contact with police was a traffic citation.
3. Publish, every quarter, how many people were transferred after a traffic stop.

A traffic ticket should be a fine, not a family separation. We will deliver these signatures, in person, to your offices in Chicago, Miami, Atlanta, Houston and Charlotte.`,
  },
  es: {
    title: "Alto a las deportaciones que empiezan con una parada de tránsito",
    summary:
      "Nadie debería perder a su familia por una luz trasera rota. Pongan fin a la entrega a inmigración de personas detenidas por infracciones de tránsito menores.",
    body: `Cada semana, madres y padres de nuestras comunidades son detenidos por una luz trasera rota, un alto mal hecho o un registro vencido, y terminan en detención migratoria, lejos de sus hijos.

**Les pedimos que:**

1. Terminen los acuerdos que entregan a inmigración a personas detenidas por infracciones de tránsito menores.
2. Dejen de emitir órdenes de retención migratoria contra quienes solo recibieron una multa de tránsito.
3. Publiquen cada trimestre cuántas personas fueron transferidas después de una parada de tránsito.

Una multa de tránsito debe ser una multa, no una separación familiar. Entregaremos estas firmas, en persona, en sus oficinas de Chicago, Miami, Atlanta, Houston y Charlotte.`,
  },
} as const;
