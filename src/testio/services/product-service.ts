/** list_products: case-insensitive search over name and description, optional type filter. */
import { z } from 'zod';
import { oncePerObject } from '../../platform/once-per-object.js';
import type { Product, TestioReadApi } from './api-port.js';

export const PRODUCT_TYPES = ['website', 'mobile_app_ios', 'mobile_app_android', 'mobile_app_windows', 'streaming_app', 'gaming'] as const;
export type ProductType = (typeof PRODUCT_TYPES)[number];

/** Keeps the answer small when an account has hundreds of products. */
export const MAX_PRODUCTS = 100;
const MAX_DESCRIPTION = 160;

const n = z.number().int();
const productRowSchema = z.object({ id: n, name: z.string(), type: z.string().nullable(), description: z.string().nullable() });

/** list_products' outputSchema; the result types are inferred from it, never written twice. */
export const productListOutput = {
  total_products: n.describe('Products in the account'),
  matching_products: n,
  returned: n,
  truncated: z.boolean(),
  products: z.array(productRowSchema),
};

export type ProductRow = z.infer<typeof productRowSchema>;
export type ProductSearchResult = z.infer<z.ZodObject<typeof productListOutput>>;

// Once per product object: the cache's products are read-only and listed again on every call.
const toRow = oncePerObject((p: Product): ProductRow => {
  const description = p.description?.replace(/\s+/g, ' ').trim() || null;
  return {
    id: p.id,
    name: p.name,
    type: p.type ?? null,
    description: description && description.length > MAX_DESCRIPTION ? `${description.slice(0, MAX_DESCRIPTION - 1)}…` : description,
  };
});

export function matchesProduct(p: Product, search: string | undefined, type: ProductType | undefined): boolean {
  if (type && p.type !== type) return false;
  const needle = search?.trim().toLowerCase();
  if (!needle) return true;
  return p.name.toLowerCase().includes(needle) || (p.description ?? '').toLowerCase().includes(needle);
}

export class ProductService {
  private readonly api: TestioReadApi;
  constructor({ testioApi }: { testioApi: TestioReadApi }) {
    this.api = testioApi;
  }

  async search(search: string | undefined, productType: ProductType | undefined, signal?: AbortSignal): Promise<ProductSearchResult> {
    const products = await this.api.listProducts(signal);
    const matching = products
      .filter((p) => matchesProduct(p, search, productType))
      .sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
    const rows = matching.slice(0, MAX_PRODUCTS).map(toRow);
    return {
      total_products: products.length,
      matching_products: matching.length,
      returned: rows.length,
      truncated: matching.length > rows.length,
      products: rows,
    };
  }
}
