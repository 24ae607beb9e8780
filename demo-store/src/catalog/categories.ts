/**
 * The category of a product, derived from words in its description by an ORDERED rule table:
 * the first rule whose patterns all match wins. Order matters — seasonal ranges first (a
 * "CHRISTMAS MUG" belongs to Christmas), then multi-word terms before the single words they
 * contain ("HOT WATER BOTTLE" before "BOTTLE", "CAKE CASES" before "CAKE", "LUNCH BAG" before
 * "BAG"), and a catch-all last. Paths have two levels, broadest first.
 *
 * To change the taxonomy, edit CATEGORY_RULES and run the unit tests in categories.test.ts.
 */
export interface CategoryRule {
  /** Every pattern must match the upper-case description. */
  all: RegExp[];
  path: [string, string];
}

const XMAS = /\b(CHRISTMAS|XMAS|SANTA|REINDEER|ADVENT|NATIVITY|SNOWMAN|SNOWFLAKES?|BAUBLES?|CRACKERS?|TREE TOP|FESTIVE|NOEL)\b/;
const rule = (path: [string, string], ...all: RegExp[]): CategoryRule => ({ all, path });

/** The ordered rule table (first match wins); see the module comment for the ordering principles. */
export const CATEGORY_RULES: readonly CategoryRule[] = [
  // Seasonal ranges take their products with them, whatever the object is.
  rule(['Christmas', 'Wrap & Cards'], XMAS, /\b(WRAP|CARDS?|GIFT BAG|TISSUES?|TAGS?|NAPKINS|STICKERS|GIFT BOX)\b/),
  rule(['Christmas', 'Lights & Candles'], XMAS, /\b(LIGHTS?|CANDLES?|T-LIGHTS?|LANTERN|TEALIGHT)\b/),
  rule(['Christmas', 'Decorations'], XMAS),
  rule(['Seasonal', 'Easter'], /\b(EASTER|CHICKS?|EGG HUNT|HANGING EGGS?|BUNNIES)\b/),
  // Multi-word terms before the words they contain.
  rule(['Bath & Beauty', 'Bath & Body'], /\b(PLASTERS|FIRST AID|BATH SALTS)\b/),
  rule(['Home & Living', 'Cushions & Textiles'], /\b(HOT WATER BOTTLE|CUSHION|THROW|BLANKET|QUILT|CURTAIN|FILLER PAD|DOOR ?STOP)/),
  rule(['Kitchen', 'Tea Towels & Aprons'], /\b(TEA TOWELS?|APRON|OVEN GLOVE|OVEN MITT|KNEELING)\b/),
  rule(['Kitchen', 'Cookware & Tools'], /\b(FRYING PAN|MILK PAN|WASHING UP|BRUSH|COLANDER|TOAST ?RACK|TEA STRAINER|SUGAR TONGS|TEA SET|TEA FOR ONE|SALT AND PEPPER|LOLLY (MOULDS|MAKERS)|PEGS|JAM MAKING|TEA CADDY|PETIT FOUR CASES|MINI CASES|EGG WARMER|KITCHEN)\b/),
  rule(['Kitchen', 'Baking'], /\b(CAKE CASES|BAKING|CAKE STAND|COOKIE CUTTERS?|CAKE TINS?|MOULD|CUPCAKE|CAKE FORK|CAKE SLICE|CAKE PLATE|MEASURING SPOONS|ROLLING PIN)\b/),
  rule(['Party', 'Party Supplies'], /\b(PARTY|BUNTING|BALLOONS?|PARASOLS?|CANDY|STRAWS|PAPER CUPS|PAPER PLATES|CONFETTI)\b/),
  rule(['Bags', 'Lunch Bags & Boxes'], /\b(LUNCH BAG|LUNCH BOX|SNACK BOX(ES)?|PICNIC (BAG|BOX|BASKET|HAMPER)|BACKPACK)/),
  rule(['Bags', 'Shoppers & Totes'], /\b(JUMBO (BAG|SHOPPER|STORAGE BAG)|SHOPPER|CHARLOTTE BAG|TOTE|BAG)\b/),
  rule(['Accessories', 'Purses & Wallets'], /\b(PURSE|WALLET|CARD HOLDER|PASSPORT COVER|CHEQUE BOOK|LUGGAGE TAG|HANDBAG)\b/),
  rule(['Toys & Games', 'Games & Puzzles'], /\b(PLAYING CARDS|JIGSAW|PUZZLE|GAMES?|SKITTLES|DOMINO|DICE|ROUNDERS|SNAKES|LUDO|BINGO|NAUGHTS|SKIPPING ROPE|SPINNING TOPS?|FLYING DISC|SPORTING FUN)/),
  rule(['Stationery', 'Wrap & Cards'], /\b(WRAP|GREETING CARD|CARD\b|CARDS\b|GIFT TAPE|GIFT TAGS?|TISSUE PAPER|ENVELOPES?)/),
  rule(['Home & Living', 'Candles & Lights'], /\b(T-LIGHTS?|TEALIGHT|CANDLES?|CANDLEHOLDER|LANTERN|NIGHT LIGHT|LIGHTS?|LAMP|VOTIVE|INCENSE|TORCH)\b/),
  rule(['Home & Living', 'Clocks'], /\bCLOCK\b/),
  rule(['Home & Living', 'Signs & Wall Art'], /\b(SIGN|WALL ART|DOOR HANGER|PLAQUE|CHALKBOARD|BLACKBOARD|MEMO BOARD|WALL DECAL)\b/),
  rule(['Home & Living', 'Frames & Mirrors'], /\b(FRAME|MIRROR|PHOTO CLIP|PHOTO ALBUM)/),
  rule(['Home & Living', 'Doormats'], /\bDOORMAT\b/),
  rule(['Kitchen', 'Tableware'], /\b(PLATES?|BOWLS?|NAPKINS?|CUTLERY|TRAY|PLACEMATS?|COASTERS?|JUG|TEAPOT|DISH|CHOPSTICKS|SPOONS?|FORK|TABLECLOTH|EGG CUP|SAUCER|CAKESTAND|DOILIES)\b/),
  rule(['Kitchen', 'Mugs & Cups'], /\b(MUG|CUPS?|BEAKER|TEACUP|GLASS(ES)?|TUMBLER|FLASK|CHALICE|BOTTLE)\b/),
  rule(['Kitchen', 'Storage & Tins'], /\b(TINS?|JARS?|CONTAINER|BREAD BIN|BISCUIT|COOKIE JAR|CANISTER|DISPENSER|SCALES|CORER|FOOD COVER|TEA COSY|EGG COSY)\b/),
  rule(['Stationery', 'Notebooks & Pens'], /\b(STATIONERY SET|EXERCISE BOOKS?|NOTEPAD|JOURNAL|SKETCHBOOK|POCKET BOOK|CALENDAR|POSTCARDS?|PAPERWEIGHT|SHOPPING LIST|SCISSORS?|MEMOBOARD|TAPES?|NOTEBOOKS?|NOTE BOOKS?|PENS?|PENCILS?|ERASERS?|RULER|STICKERS?|SHARPENER|ADDRESS BOOK|CHALK|CRAYONS|STAMP|DIARY|MEMO|CALCULATOR|TAPE MEASURE|WRITING SET)\b/),
  rule(['Craft & Sewing', 'Sewing & Ribbons'], /\b(SEWING|RIBBONS?|RIBBON REEL|KNITTING|NEEDLE|BUTTONS|CROCHET|PATCHES)\b/),
  rule(['Craft & Sewing', 'Craft Kits'], /\b(CRAFT|KIT|STENCIL|CLAY|MAKE YOUR OWN|COLOURING|DECOUPAGE)\b/),
  rule(['Toys & Games', 'Toys'], /\b(TOY|DOLLS?|TEDDY|ROCKING HORSE|PLAYHOUSE|GLIDERS?|HELICOPTER|CREEPY CRAWLIES|BUBBLES|GLOBE|TATTOOS|PAINT SET|CANVAS|BUILDING BLOCK|FELT FARM|FINGER PUPPET|SLATE|WINDMILL|KEEPSAKE)\b/),
  rule(['Kids', 'Kids Living'], /\b(CHILDRENS?|CHILDS|CHILD'S|KIDS|BABY|NURSERY)\b/),
  rule(['Garden', 'Garden & Outdoor'], /\b(GARDEN|PLANT|PLANTER|WATERING|TROWEL|HERB MARKER|SEEDS?|FLOWERPOT|BIRD ?HOUSE|BIRD FEEDER|GROW|POTTING|THERMOMETER|PLANT POT|BEACH|HAMMOCK|BUCKET|FLY SWAT|SANDCASTLE)\b/),
  rule(['Bath & Beauty', 'Bath & Body'], /\b(PLASTERS|TISSUES?|BATH|FLANNEL|RAIN PONCHO|SOAP|SPONGE|TOILETTE|LIP GLOSS|FIRST AID|TOWEL|WASHBAG|HAND WARMER|COSMETIC|MAKE UP|NAIL)\b/),
  rule(['Accessories', 'Jewellery & Hair'], /\b(EARRINGS|NECKLACE|BRACELET|RING|HAIR ?BANDS?|HAIR ?CLIPS?|TIARAS?|BROOCH|BEADS?|JEWEL|CHARM|KEY ?RINGS?|KEY FOB|BADGES?|UMBRELLA|SOCKS?|SLIPPER|RAIN MAC|SCARF|HAT|FAN|JEWELLERY STAND)S?\b/),
  rule(['Home & Living', 'Furniture & Storage'], /\b(STOOL|FOOT STOOL|MARKET CRATES?|WALL TIDY|MAT|STORAGE|DRAWERS?|DRAWER KNOB|CABINET|BASKETS?|HOOKS?|HANGERS?|ORGANISER|SHELF|TRINKET|JEWELLERY BOX|BOX(ES)?|CHEST|RACK|HOLDER|MONEY BANK|PIGGY BANK|BIN|CASE)\b/),
  rule(['Home & Living', 'Decorations'], /\b(DECORATION|HANGING|HEARTS?|GARLAND|WREATH|ORNAMENT|FLOWERS?|BIRDS?|STARS?|BELLS?|DOORSTOP|VASE|MAGNETS?|LETTERS|PAINTED)\b/),
];

/** Where everything no rule matches goes. */
export const FALLBACK_CATEGORY: [string, string] = ['Gifts', 'Gift Ideas'];

/**
 * The two-level category path of a description.
 *
 * @example categorize('WHITE HANGING HEART T-LIGHT HOLDER') // ['Home & Living', 'Candles & Lights']
 * @example categorize('CHRISTMAS LIGHTS 10 REINDEER')       // ['Christmas', 'Lights & Candles']
 */
export function categorize(description: string, rules: readonly CategoryRule[] = CATEGORY_RULES): [string, string] {
  const d = description.toUpperCase();
  for (const r of rules) if (r.all.every((p) => p.test(d))) return [...r.path];
  return [...FALLBACK_CATEGORY];
}
