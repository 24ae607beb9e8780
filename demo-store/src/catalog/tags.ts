/**
 * Attribute tags (colour, material, motif, pack) read from a description. They feed the
 * profile's tag affinities and the "related" recommender's text similarity.
 */
const TAG_RULES: readonly [pattern: RegExp, tag: string][] = [
  [/\bRED\b/, 'red'],
  [/\bPINK\b/, 'pink'],
  [/\b(WHITE|IVORY|CREAM)\b/, 'white'],
  [/\bBLUE\b/, 'blue'],
  [/\bGREEN\b/, 'green'],
  [/\bBLACK\b/, 'black'],
  [/\b(SILVER|GOLD)\b/, 'metallic'],
  [/\b(PURPLE|LILAC|LAVENDER)\b/, 'purple'],
  [/\b(YELLOW|ORANGE)\b/, 'yellow'],
  [/\bWOOD(EN)?\b/, 'wood'],
  [/\b(METAL|ZINC|TINS?|ENAMEL|IRON|ALUMINIUM)\b/, 'metal'],
  [/\bGLASS\b/, 'glass'],
  [/\b(CERAMIC|PORCELAIN|BONE CHINA)\b/, 'ceramic'],
  [/\bPAPER\b/, 'paper'],
  [/\b(FELT|COTTON|FABRIC|KNITTED|CROCHET|LACE)\b/, 'fabric'],
  [/\b(WICKER|RATTAN|BAMBOO)\b/, 'wicker'],
  [/\bHEARTS?\b/, 'hearts'],
  [/\bSTARS?\b/, 'stars'],
  [/\b(BIRDS?|BIRDIE|OWLS?|LOVEBIRDS?|SONG ?BIRD)\b/, 'birds'],
  [/\b(ROSES?|FLOWERS?|FLORAL|DAISY|DAISIES|POPPY|POPPIES|BLOSSOM|PETALS)\b/, 'floral'],
  [/\b(DOGS?|PUPP(Y|IES)|CATS?|KITTENS?|RABBITS?|BUNN(Y|IES)|HORSE|SHEEP|PIGS?|CHICKENS?|HENS?|ELEPHANT)\b/, 'animals'],
  [/\b(SPOTS?|POLKA ?DOTS?|SPOTTY|RETROSPOT)\b/, 'spots'],
  [/\b(STRIPES?|STRIPED|GINGHAM|CHECK)\b/, 'stripes & checks'],
  [/\b(VINTAGE|RETRO|ANTIQUE|VICTORIAN|EDWARDIAN|50'S)\b/, 'vintage'],
  [/\b(CHILDRENS?|CHILDS|KIDS|BABY|DINOSAURS?|SPACEBOY|DOLLY)\b/, 'kids'],
  [/\b(SET|PACK|BOX) OF \d+|\bS\/\d+|\bSET ?\/ ?\d+|\bSET \d+\b/, 'multipack'],
  [/\b(JUMBO|LARGE|GIANT)\b/, 'large'],
  [/\b(MINI|SMALL)\b/, 'small'],
];

/**
 * Tags named in a description, in rule order, without duplicates.
 *
 * @example tagsOf('SET OF 3 RED RETROSPOT CAKE TINS') // ['red', 'metal', 'spots', 'multipack']
 */
export function tagsOf(description: string): string[] {
  const d = description.toUpperCase();
  return TAG_RULES.filter(([p]) => p.test(d)).map(([, tag]) => tag);
}

const CONSUMABLE = /\b(CAKE CASES|NAPKINS|TISSUES?|WRAP|PLASTERS|CANDLES?|T-LIGHTS|CARDS?|BALLOONS|STICKERS|PAPER (CUPS|PLATES)|STRAWS|INCENSE|SOAP|DOILIES|GIFT TAPE|TAGS)\b/;

/**
 * Whether shoppers normally buy the product again (consumables), so "you bought this" is no
 * reason to hide it from recommendations.
 *
 * @example isRepeatable('PACK OF 72 RETROSPOT CAKE CASES') // true
 * @example isRepeatable('REGENCY CAKESTAND 3 TIER')        // false
 */
export function isRepeatable(description: string): boolean {
  return CONSUMABLE.test(description.toUpperCase());
}
