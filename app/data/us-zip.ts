// A small US ZIP → city/state table so US signers don't have to type their city.
// The state comes from the ZIP's first three digits (USPS assigns prefixes by state); the city
// from ranges of five-digit ZIPs around the campaign's cities and the largest metros. A ZIP
// outside these ranges gets its state only, and the sign form asks for the city.
// Ranges are inclusive; earlier entries win, so exceptions are listed before their range.

type Range = readonly [from: number, to: number, city: string, state: string];

const CITY_RANGES: readonly Range[] = [
  // Illinois
  [60601, 60661, "Chicago", "IL"], [60804, 60804, "Cicero", "IL"], [60402, 60402, "Berwyn", "IL"],
  [60160, 60160, "Melrose Park", "IL"], [60120, 60124, "Elgin", "IL"], [60502, 60507, "Aurora", "IL"],
  [60085, 60087, "Waukegan", "IL"], [60431, 60436, "Joliet", "IL"], [60153, 60153, "Maywood", "IL"],
  // Florida
  [33139, 33141, "Miami Beach", "FL"], [33010, 33018, "Hialeah", "FL"], [33125, 33199, "Miami", "FL"],
  [33101, 33122, "Miami", "FL"], [33030, 33035, "Homestead", "FL"], [33020, 33029, "Hollywood", "FL"],
  [33301, 33312, "Fort Lauderdale", "FL"], [33315, 33316, "Fort Lauderdale", "FL"],
  [32801, 32839, "Orlando", "FL"], [34741, 34747, "Kissimmee", "FL"], [33602, 33647, "Tampa", "FL"],
  [32202, 32277, "Jacksonville", "FL"], [32301, 32317, "Tallahassee", "FL"], [33901, 33919, "Fort Myers", "FL"],
  [33401, 33417, "West Palm Beach", "FL"], [33142, 33142, "Miami", "FL"],
  // Georgia
  [30340, 30340, "Doraville", "GA"], [30303, 30350, "Atlanta", "GA"], [30060, 30068, "Marietta", "GA"],
  [30071, 30071, "Norcross", "GA"], [30092, 30093, "Norcross", "GA"], [30043, 30046, "Lawrenceville", "GA"],
  [30501, 30507, "Gainesville", "GA"], [30720, 30721, "Dalton", "GA"], [31401, 31419, "Savannah", "GA"],
  // Texas
  [77502, 77506, "Pasadena", "TX"], [77001, 77099, "Houston", "TX"], [77449, 77450, "Katy", "TX"],
  [77493, 77494, "Katy", "TX"], [77478, 77479, "Sugar Land", "TX"], [77373, 77389, "Spring", "TX"],
  [77338, 77346, "Humble", "TX"], [77520, 77523, "Baytown", "TX"], [77301, 77306, "Conroe", "TX"],
  [78201, 78266, "San Antonio", "TX"], [75201, 75254, "Dallas", "TX"], [78701, 78759, "Austin", "TX"],
  [79901, 79938, "El Paso", "TX"], [76102, 76140, "Fort Worth", "TX"], [75038, 75039, "Irving", "TX"],
  [75060, 75063, "Irving", "TX"], [75040, 75044, "Garland", "TX"], [76001, 76019, "Arlington", "TX"],
  [75023, 75025, "Plano", "TX"], [75074, 75075, "Plano", "TX"], [78501, 78504, "McAllen", "TX"],
  [78520, 78526, "Brownsville", "TX"], [78040, 78046, "Laredo", "TX"],
  // North Carolina
  [28202, 28280, "Charlotte", "NC"], [28052, 28056, "Gastonia", "NC"], [28025, 28027, "Concord", "NC"],
  [28104, 28105, "Matthews", "NC"], [27601, 27617, "Raleigh", "NC"], [27701, 27713, "Durham", "NC"],
  [27401, 27410, "Greensboro", "NC"], [27101, 27127, "Winston-Salem", "NC"], [27511, 27519, "Cary", "NC"],
  // California
  [90022, 90022, "East Los Angeles", "CA"], [90001, 90089, "Los Angeles", "CA"], [90802, 90815, "Long Beach", "CA"],
  [92701, 92707, "Santa Ana", "CA"], [92801, 92808, "Anaheim", "CA"], [92101, 92140, "San Diego", "CA"],
  [95110, 95139, "San Jose", "CA"], [94102, 94134, "San Francisco", "CA"], [94601, 94621, "Oakland", "CA"],
  [95814, 95838, "Sacramento", "CA"], [93701, 93728, "Fresno", "CA"], [92501, 92508, "Riverside", "CA"],
  // Arizona, Nevada, New Mexico, Colorado, Utah
  [85003, 85054, "Phoenix", "AZ"], [85701, 85750, "Tucson", "AZ"], [89101, 89149, "Las Vegas", "NV"],
  [87101, 87123, "Albuquerque", "NM"], [80202, 80239, "Denver", "CO"], [84101, 84111, "Salt Lake City", "UT"],
  // New York, New Jersey, Pennsylvania, New England, Mid-Atlantic
  [11368, 11368, "Corona", "NY"], [10001, 10282, "New York", "NY"], [10451, 10475, "Bronx", "NY"],
  [11201, 11256, "Brooklyn", "NY"], [7102, 7114, "Newark", "NJ"], [7302, 7307, "Jersey City", "NJ"],
  [19102, 19154, "Philadelphia", "PA"], [2108, 2137, "Boston", "MA"], [20001, 20020, "Washington", "DC"],
  [21201, 21239, "Baltimore", "MD"],
  // Midwest, South, Northwest
  [37201, 37221, "Nashville", "TN"], [38103, 38141, "Memphis", "TN"], [48201, 48239, "Detroit", "MI"],
  [55401, 55419, "Minneapolis", "MN"], [43201, 43232, "Columbus", "OH"], [46201, 46260, "Indianapolis", "IN"],
  [64101, 64138, "Kansas City", "MO"], [53202, 53233, "Milwaukee", "WI"], [40202, 40299, "Louisville", "KY"],
  [68102, 68164, "Omaha", "NE"], [73102, 73179, "Oklahoma City", "OK"], [70112, 70131, "New Orleans", "LA"],
  [97201, 97239, "Portland", "OR"], [98101, 98199, "Seattle", "WA"],
];

// First three digits → state (USPS prefix allocation). Inclusive ranges of prefixes.
const PREFIX_STATES: readonly (readonly [number, number, string])[] = [
  [5, 5, "NY"], [6, 7, "PR"], [8, 8, "VI"], [9, 9, "PR"], [10, 27, "MA"], [28, 29, "RI"], [30, 38, "NH"],
  [39, 49, "ME"], [55, 55, "MA"], [50, 59, "VT"], [60, 69, "CT"], [70, 89, "NJ"], [100, 149, "NY"],
  [150, 196, "PA"], [197, 199, "DE"], [200, 200, "DC"], [201, 201, "VA"], [202, 205, "DC"], [206, 219, "MD"],
  [220, 246, "VA"], [247, 268, "WV"], [270, 289, "NC"], [290, 299, "SC"], [300, 319, "GA"], [398, 399, "GA"],
  [320, 349, "FL"], [350, 369, "AL"], [370, 385, "TN"], [386, 397, "MS"], [400, 427, "KY"], [430, 459, "OH"],
  [460, 479, "IN"], [480, 499, "MI"], [500, 528, "IA"], [530, 549, "WI"], [550, 567, "MN"], [569, 569, "DC"],
  [570, 577, "SD"], [580, 588, "ND"], [590, 599, "MT"], [600, 629, "IL"], [630, 658, "MO"], [660, 679, "KS"],
  [680, 693, "NE"], [700, 715, "LA"], [716, 729, "AR"], [733, 733, "TX"], [730, 749, "OK"], [750, 799, "TX"],
  [885, 885, "TX"], [800, 816, "CO"], [820, 831, "WY"], [832, 838, "ID"], [840, 847, "UT"], [850, 865, "AZ"],
  [870, 884, "NM"], [889, 898, "NV"], [900, 961, "CA"], [967, 968, "HI"], [969, 969, "GU"], [970, 979, "OR"],
  [980, 994, "WA"], [995, 999, "AK"],
];

export type ZipPlace = { city: string; region: string };

/** City (when known) and state for a US ZIP or ZIP+4; null when the ZIP is malformed or unassigned. */
export function lookupUsZip(postalCode: string): { city: string | null; region: string } | null {
  const match = /^(\d{5})(?:-?\d{4})?$/.exec(postalCode.trim());
  if (!match) return null;
  const zip = Number(match[1]);
  const prefix = Math.floor(zip / 100);
  const state = PREFIX_STATES.find(([from, to]) => prefix >= from && prefix <= to)?.[2];
  if (!state) return null;
  const range = CITY_RANGES.find(([from, to, , s]) => zip >= from && zip <= to && s === state);
  return { city: range?.[2] ?? null, region: state };
}

/** How many five-digit ZIPs the table names a city for (for tests and the ADR). */
export const knownCityZipCount = () => CITY_RANGES.reduce((n, [from, to]) => n + (to - from + 1), 0);
