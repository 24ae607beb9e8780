/**
 * UCI Online Retail has no product categories, so the clustering validation derives top-level
 * categories from the product description by keyword (first matching rule wins; the order puts
 * the most specific themes first). A heuristic for this data set only — a real shop sends
 * `item_category`.
 */
const RULES: Array<[string, RegExp]> = [
  ['Christmas', /\b(CHRISTMAS|XMAS|ADVENT|SANTA|REINDEER|SNOWFLAKE|NATIVITY)\b/],
  ['Garden', /\b(GARDEN|PLANT|PLANTER|FLOWER POT|WATERING|SEED)/],
  ['Toys & party', /\b(TOY|CHILDRENS?|DOLL|GAME|SPACEBOY|PLAYHOUSE|PARTY|BUNTING|BALLOON|JIGSAW|KIDS)/],
  ['Lighting & candles', /\b(CANDLE|T-LIGHT|TEALIGHT|LANTERN|LIGHTS?|LAMP|NIGHT LIGHT)\b/],
  ['Stationery & cards', /\b(CARD|CARDS|WRAP|PAPER|NOTEBOOK|PEN|PENCILS?|STICKERS?|RIBBONS?|TAPE|ENVELOPE|DIARY|ERASER)\b/],
  ['Kitchen & dining', /\b(MUG|CUP|CUPS|PLATE|PLATES|BOWL|TEA|CAKE|LUNCH|JAR|BOTTLE|SPOON|NAPKINS?|CUTLERY|BAKING|KITCHEN|TRAY|COASTER|APRON|JUG|CAKESTAND|GLASS|TEATOWEL|TEAPOT)/],
  ['Bags & storage', /\b(BAG|BAGS|BOX|BOXES|TIN|TINS|STORAGE|BASKET|HAMPER|PURSE|CASE)\b/],
  ['Home décor', /\b(HEART|FRAME|SIGN|CLOCK|MIRROR|CUSHION|DOORMAT|HOOK|HANGER|WALL|DECORATION|ORNAMENT|VASE|WREATH|CHALKBOARD|DRAWER|KNOB|DOORSTOP|BLANKET|THROW)/],
  ['Fashion & beauty', /\b(NECKLACE|BRACELET|EARRINGS|RING|HAIR|JEWEL|UMBRELLA|SCARF|GLOVES?|HAND WARMER|MAKE UP|COMPACT)/],
];

/**
 * The keyword category of an Online Retail product description (`Other` when no rule matches).
 *
 * @example
 * retailCategory('WHITE HANGING HEART T-LIGHT HOLDER'); // 'Lighting & candles'
 */
export function retailCategory(description: string): string {
  const text = description.toUpperCase();
  for (const [name, re] of RULES) if (re.test(text)) return name;
  return 'Other';
}
