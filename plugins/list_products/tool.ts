import { markdownTable, MAX_PRODUCTS, productListOutput, productTypeParam, searchParam } from '../../src/kit/testio.js';
import { defineTool, plural } from '../../src/kit/tool.js';

export default defineTool({
  name: 'list_products',
  title: 'List TestIO products',
  description: `Lists the products of the TestIO account — id, name, type and a short description — optionally only those whose name or description contains a search text (case-insensitive) or of one product type.

Use this tool when you need to:
- find a product id from (part of) its name before asking about its tests
- see which websites, mobile apps or other products are under test

Limits: at most ${MAX_PRODUCTS} products per answer, sorted by name; use search or product_type to narrow.

Example: "Which products have 'mobile' in their name?"`,
  inputSchema: { search: searchParam(), product_type: productTypeParam() },
  outputSchema: productListOutput,
  toolset: 'testio',
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: (args, ctx) => ctx.productService.search(args.search, args.product_type, ctx.signal),
  render: (out, args) => {
    const filters = [args.search ? `matching "${args.search}"` : '', args.product_type ? `of type ${args.product_type}` : ''].filter(Boolean).join(' ');
    const head = `## ${plural(out.matching_products, 'product')}${filters ? ` ${filters}` : ''} (of ${out.total_products})`;
    if (out.products.length === 0) return `${head}\n\nNo product matches; try a shorter search text or no product_type.`;
    return [
      head,
      '',
      markdownTable(['ID', 'Name', 'Type', 'Description'], out.products.map((p) => [p.id, p.name, p.type, p.description])),
      ...(out.truncated ? ['', `Showing ${out.returned} of ${out.matching_products}; narrow with search or product_type.`] : []),
    ].join('\n');
  },
});
