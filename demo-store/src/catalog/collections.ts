/**
 * The demo store's "brands": the data has no brand column, but the supplier sells recurring
 * design ranges ("RED RETROSPOT", "REGENCY", "SPACEBOY"…) that shoppers follow the way they
 * follow brands. The first range named in a description is the product's collection; specific
 * ranges come before generic styles ("VINTAGE", "ANTIQUE") because "VINTAGE DOILY" is a range.
 */
export const COLLECTIONS: readonly [pattern: RegExp, name: string][] = [
  [/\bRETROSPOT\b/, 'Retrospot'],
  [/\bREGENCY\b/, 'Regency'],
  [/\bPANTRY\b/, 'Pantry'],
  [/\bSPACEBOY\b/, 'Spaceboy'],
  [/\bDOLLY ?GIRL\b/, 'Dolly Girl'],
  [/\bWOODLAND\b/, 'Woodland'],
  [/\bPAISLEY PARK\b/, 'Paisley Park'],
  [/\bCHARLIE ?(\+|&|AND) ?LOLA\b/, 'Charlie & Lola'],
  [/\bI LOVE LONDON\b|\bLONDON\b/, 'I Love London'],
  [/\bUNION (JACK|FLAG)\b|\bUNION STRIPE\b/, 'Union Jack'],
  [/\bBABUSHKA\b/, 'Babushka'],
  [/\bSWEETHEART\b/, 'Sweetheart'],
  [/\bFAIRY CAKES?\b/, 'Fairy Cake'],
  [/\bENGLISH ROSE\b/, 'English Rose'],
  [/\bPOPPY'S PLAYHOUSE\b/, "Poppy's Playhouse"],
  [/\bSKULLS?\b/, 'Skulls'],
  [/\bPARISIENNE\b|\bFRENCH\b/, 'Parisienne'],
  [/\bDOILE?Y\b/, 'Vintage Doily'],
  [/\bGINGHAM\b/, 'Gingham'],
  [/\bPOLKA ?DOTS?\b|\bSPOTTY\b/, 'Polkadot'],
  [/\bSTRAWBERRY\b/, 'Strawberry'],
  [/\bTOADSTOOLS?\b/, 'Magic Toadstool'],
  [/\bPAISLEY\b/, 'Paisley'],
  [/\b50'S\b/, "50's Retro"],
  [/\bHOME SWEET HOME\b/, 'Home Sweet Home'],
  [/\bCIRCUS PARADE\b/, 'Circus Parade'],
  [/\bFELTCRAFT\b/, 'Feltcraft'],
  [/\bSUKI\b/, 'Suki'],
  [/\bDINER\b/, 'Diner'],
  [/\bBOTANICAL\b/, 'Botanical'],
  [/\bALPHABET\b/, 'Alphabet'],
  [/\bKINGS CHOICE\b/, "King's Choice"],
  [/\bHONEYCOMB\b/, 'Honeycomb'],
  [/\bZINC\b/, 'Zinc'],
  [/\bWICKER\b/, 'Wicker'],
  [/\bEDWARDIAN\b|\bVICTORIAN\b/, 'Victoriana'],
  [/\bVINTAGE\b/, 'Vintage'],
  [/\bANTIQUE\b/, 'Antique'],
];

/** The collection of products that belong to no named range. */
export const HOUSE_COLLECTION = 'Essentials';

/**
 * The collection (used as the product's brand) named in a description.
 *
 * @example collectionOf('RED RETROSPOT CHARLOTTE BAG') // 'Retrospot'
 * @example collectionOf('WHITE METAL LANTERN')          // 'Essentials'
 */
export function collectionOf(description: string): string {
  const d = description.toUpperCase();
  for (const [pattern, name] of COLLECTIONS) if (pattern.test(d)) return name;
  return HOUSE_COLLECTION;
}
