/** Read endpoints of the Customer API v2 (see shared/testio-api.md for wrapping and paging rules). */
import { computeAnalytics } from './analytics.js';
import { ApiError } from './http-utils.js';
import { idList, positiveInt } from './query-params.js';
import type { Router } from './router.js';
import type { SandboxStore } from './store.js';
import type { Bug, ExportStatus, Feature, FeatureWithStories, ProductCatalog } from './types.js';

/** Without `page` the list endpoint answers the newest 150 tests only. */
export const UNPAGED_TEST_LIMIT = 150;
export const DEFAULT_PER_PAGE = 25;
const MAX_PER_PAGE = 1000;
const EXPORT_STATUSES: readonly ExportStatus[] = ['export_requested', 'not_exported', 'exported'];

function wantsUserStories(query: URLSearchParams): boolean {
  return [...query.getAll('includes[]'), ...query.getAll('includes')].some((v) => v.split(',').includes('user_stories'));
}

function renderFeatures(features: Feature[], catalog: ProductCatalog, withStories: boolean): Array<Feature | FeatureWithStories> {
  if (!withStories) return features;
  return features.map((feature) => ({
    ...feature,
    user_stories: catalog.user_stories.filter((s) => s.feature_id === feature.id).map(({ id, path, title }) => ({ id, path, title })),
  }));
}

export function registerReadRoutes(router: Router, store: SandboxStore): void {
  router.add('GET', '/products', ({ query }) => {
    const ids = idList(query, 'filter[product_ids][]', 'filter[product_ids]');
    const products = ids ? store.data.products.filter((p) => ids.includes(p.id)) : store.data.products;
    return { body: { products } };
  });

  router.add('GET', '/products/:id', ({ params }) => ({ body: { product: store.product(params.id!) } }));

  router.add('GET', '/products/:pid/features', ({ params, query }) => {
    const catalog = store.catalog(params.pid!);
    return { body: { features: renderFeatures(catalog.features, catalog, wantsUserStories(query)) } };
  });

  router.add('GET', '/products/:pid/sections/:sid/features', ({ params, query }) => {
    const catalog = store.catalog(params.pid!);
    const ids = catalog.section_features[String(params.sid)];
    if (!ids) throw new ApiError(404, `Section ${params.sid} not found in product ${params.pid}.`);
    const features = catalog.features.filter((f) => ids.includes(f.id));
    return { body: { features: renderFeatures(features, catalog, wantsUserStories(query)) } };
  });

  router.add('GET', '/products/:pid/user_stories', ({ params, query }) => {
    const product = store.product(params.pid!);
    const catalog = store.catalog(product.id);
    const raw = query.get('section_id');
    let stories = catalog.user_stories;
    if (product.sections.length > 0) {
      if (raw === null || raw.trim() === '') throw new ApiError(400, `section_id is required: product ${product.id} has sections.`);
      const featureIds = catalog.section_features[String(positiveInt(raw, 'section_id'))];
      if (!featureIds) throw new ApiError(404, `Section ${raw} not found in product ${product.id}.`);
      stories = stories.filter((s) => featureIds.includes(s.feature_id));
    }
    return { body: { user_stories: stories.map(({ id, path, title }) => ({ id, path, title })) } };
  });

  router.add('GET', '/products/:pid/exploratory_tests', ({ params, query }) => {
    // `status` is ignored on purpose, as the real API does: clients filter themselves.
    const tests = store.testsOfProduct(params.pid!);
    const rawPage = query.get('page');
    if (rawPage === null) return { body: { exploratory_tests: tests.slice(0, UNPAGED_TEST_LIMIT) } };
    const page = positiveInt(rawPage, 'page');
    const rawPerPage = query.get('per_page');
    const perPage = rawPerPage === null ? DEFAULT_PER_PAGE : positiveInt(rawPerPage, 'per_page');
    if (perPage > MAX_PER_PAGE) throw new ApiError(400, `per_page must be at most ${MAX_PER_PAGE}.`);
    return { body: { exploratory_tests: tests.slice((page - 1) * perPage, page * perPage) } };
  });

  router.add('GET', '/exploratory_tests/:id', ({ params }) => {
    const test = store.test(params.id!);
    return { body: { exploratory_test: { ...test, analytics: computeAnalytics(test, store.bugsOfTest(test.id)) } } };
  });

  router.add('GET', '/bugs', ({ query }) => {
    const products = idList(query, 'filter_product_ids');
    const tests = idList(query, 'filter_test_cycle_ids');
    const sections = idList(query, 'filter_section_ids');
    const exportStatus = query.get('export_status');
    if (exportStatus !== null && !EXPORT_STATUSES.includes(exportStatus as ExportStatus)) {
      throw new ApiError(400, `export_status must be one of ${EXPORT_STATUSES.join(', ')} (got ${JSON.stringify(exportStatus)}).`);
    }
    const matches = (bug: Bug) =>
      (!products || products.includes(bug.product.id)) &&
      (!tests || tests.includes(bug.test.id)) &&
      (!sections || sections.includes(bug.section.id)) &&
      (exportStatus === null || bug.export_status === exportStatus);
    return { body: { bugs: (tests ? store.bugsOfTests(tests) : store.data.bugs).filter(matches) } };
  });

  // Registered before /bugs/:id for readability; `:id` matches digits only anyway.
  router.add('GET', '/bugs/reject_reasons', () => ({ body: { reject_reasons: store.data.reject_reasons } }));

  router.add('GET', '/bugs/:id', ({ params }) => ({ body: { bug: store.bug(params.id!) } }));

  router.add('GET', '/products/:pid/test_environments', ({ params }) => ({
    body: { test_environments: store.catalog(params.pid!).test_environments },
  }));

  router.add('GET', '/test_templates', ({ query }) => {
    const rawProduct = query.get('product_id');
    const rawSection = query.get('section_id');
    const productId = rawProduct === null || rawProduct === '' ? undefined : positiveInt(rawProduct, 'product_id');
    const sectionId = rawSection === null || rawSection === '' ? undefined : positiveInt(rawSection, 'section_id');
    const catalogs = productId === undefined ? store.data.catalogs : [store.catalog(productId)];
    const templates = catalogs
      .flatMap((c) => c.test_templates)
      .filter((t) => sectionId === undefined || t.section_id === sectionId || t.section_id === null);
    return { body: { test_templates: templates } };
  });
}
