import { describe, expect, it } from 'vitest';
import { parseJsonLd } from './jsonld';

// Shapes as real stores emit them: Shopify's theme Product, WooCommerce + Yoast's @graph, and
// a category page ItemList.
const shopify = JSON.stringify({
  '@context': 'http://schema.org/',
  '@type': 'Product',
  name: 'Trail Runner 3',
  url: 'https://shop.example/products/trail-runner-3',
  image: ['https://cdn.example/tr3.jpg'],
  description: 'A shoe',
  sku: 'TR3-42',
  brand: { '@type': 'Brand', name: 'Peak' },
  offers: [{ '@type': 'Offer', availability: 'http://schema.org/InStock', price: '89.90', priceCurrency: 'EUR' }],
  aggregateRating: { '@type': 'AggregateRating', ratingValue: '4.6', reviewCount: '128' },
});
const yoastGraph = JSON.stringify({
  '@context': 'https://schema.org',
  '@graph': [
    { '@type': 'WebPage', '@id': 'https://shop.example/p/mug/' },
    {
      '@type': 'BreadcrumbList',
      itemListElement: [
        { '@type': 'ListItem', position: 1, name: 'Home', item: 'https://shop.example/' },
        { '@type': 'ListItem', position: 2, name: 'Kitchen', item: 'https://shop.example/c/kitchen' },
        { '@type': 'ListItem', position: 3, name: 'Mugs', item: 'https://shop.example/c/mugs' },
        { '@type': 'ListItem', position: 4, name: 'Enamel mug' },
      ],
    },
    {
      '@type': ['Product', 'schema:IndividualProduct'],
      '@id': 'https://shop.example/p/mug/#product',
      name: 'Enamel mug',
      sku: 'MUG-1',
      offers: { '@type': 'Offer', price: 12, priceCurrency: 'GBP', availability: 'https://schema.org/OutOfStock' },
    },
  ],
});
const itemList = JSON.stringify({
  '@context': 'https://schema.org',
  '@type': 'ItemList',
  name: 'Running shoes',
  itemListElement: [
    { '@type': 'ListItem', position: 2, item: { '@type': 'Product', sku: 'B', name: 'Second', offers: { price: 50 } } },
    { '@type': 'ListItem', position: 1, item: { '@type': 'Product', sku: 'A', name: 'First', offers: { price: 70 } } },
  ],
});

describe('parseJsonLd', () => {
  it('reads a Shopify product with offer, brand and rating', () => {
    const { products, errors } = parseJsonLd([shopify]);
    expect(errors).toEqual([]);
    expect(products).toEqual([
      {
        id: 'TR3-42',
        title: 'Trail Runner 3',
        url: 'https://shop.example/products/trail-runner-3',
        image: 'https://cdn.example/tr3.jpg',
        brand: 'Peak',
        price: 89.9,
        currency: 'EUR',
        rating: 4.6,
        ratingCount: 128,
      },
    ]);
  });

  it('reads @graph, multiple types, out-of-stock offers and takes the category from the breadcrumb', () => {
    const { products, breadcrumb } = parseJsonLd([yoastGraph]);
    expect(breadcrumb).toEqual(['Home', 'Kitchen', 'Mugs', 'Enamel mug']);
    expect(products).toHaveLength(1);
    expect(products[0]).toMatchObject({ id: 'MUG-1', title: 'Enamel mug', price: 12, currency: 'GBP', stock: 0, category: ['Kitchen', 'Mugs'] });
  });

  it('orders ItemList entries by position and does not count them as page products', () => {
    const { lists, products } = parseJsonLd([itemList]);
    expect(products).toEqual([]);
    expect(lists).toHaveLength(1);
    expect(lists[0]!.name).toBe('Running shoes');
    expect(lists[0]!.items.map((p) => p.id)).toEqual(['A', 'B']);
  });

  it('skips broken and hostile scripts with a reason, keeping the good ones', () => {
    const hostile = '{"@type":"Product","name":"<img src=x onerror=alert(1)>","sku":"X1","offers":{"price":"NaN"}}';
    const { products, errors } = parseJsonLd(['{ "@type": "Product", name: broken', 'null', '42', hostile, shopify]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/script #1 is not valid JSON/);
    expect(products.map((p) => p.id)).toEqual(['X1', 'TR3-42']);
    // Text stays text: the title is data, never markup.
    expect(products[0]!.title).toBe('<img src=x onerror=alert(1)>');
    expect(products[0]!.price).toBeUndefined();
  });

  it('reports a product it cannot identify', () => {
    const { products, errors } = parseJsonLd([JSON.stringify({ '@type': 'Product', name: 'No id' })]);
    expect(products).toEqual([]);
    expect(errors[0]).toMatch(/without sku/);
  });
});
