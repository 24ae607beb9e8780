export { mergeProduct, sanitizeProduct, type ProductPatch } from './merge-product';
export { productFromItem, categoryFromItem } from './product-from-item';
export { createCatalog, type Catalog, type ProductLookup } from './catalog';
