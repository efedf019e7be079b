/**
 * Turns the hand-written product specs into wire-shaped products and their catalogs (features,
 * user stories, test environments, templates). Ids come from counters, so they are stable.
 */
import { PRODUCT_SPECS, type ProductSpec } from './content/products.js';
import type { Feature, Product, ProductCatalog, TestEnvironment, TestTemplate } from './types.js';

export interface CatalogEntry {
  spec: ProductSpec;
  product: Product;
  catalog: ProductCatalog;
}

export function buildCatalog(): CatalogEntry[] {
  let featureId = 71000;
  let storyId = 93000;
  let environmentId = 5400;
  let templateId = 810;

  return PRODUCT_SPECS.map((spec) => {
    const product: Product = {
      id: spec.id,
      name: spec.name,
      description: spec.description,
      type: spec.type,
      default_section_id: spec.defaultSectionId,
      sections: spec.sections.map((s) => ({ ...s })),
      sections_with_default: [{ id: spec.defaultSectionId, name: 'Default' }, ...spec.sections.map((s) => ({ ...s }))],
    };

    const features: Feature[] = [];
    const userStories: ProductCatalog['user_stories'] = [];
    const sectionFeatures: Record<string, number[]> = {};
    for (const section of spec.sections) sectionFeatures[String(section.id)] = [];

    for (const featureSpec of spec.features) {
      const feature: Feature = {
        id: featureId++,
        title: featureSpec.title,
        description: featureSpec.description,
        howtofind: featureSpec.howtofind,
        user_stories: [...featureSpec.stories],
      };
      features.push(feature);
      for (const story of featureSpec.stories) {
        userStories.push({ id: storyId++, path: `${feature.title} > ${story}`, title: story, feature_id: feature.id });
      }
      const sectionIndexes = featureSpec.sections ?? spec.sections.map((_, i) => i);
      for (const index of sectionIndexes) {
        const section = spec.sections[index];
        if (section) sectionFeatures[String(section.id)]!.push(feature.id);
      }
    }

    const isWeb = spec.baseUrl.startsWith('https://');
    const testEnvironments: TestEnvironment[] = [
      { id: environmentId++, title: isWeb ? 'Staging' : 'Beta build (TestFlight / internal track)', url: spec.baseUrl, access_type: isWeb ? 'basic_auth' : 'credentials' },
      {
        id: environmentId++,
        title: 'Production',
        url: spec.baseUrl.replace('://staging.', '://www.').replace('://shop.', '://www.shop.'),
        access_type: 'public',
      },
    ];

    const testTemplates: TestTemplate[] = [
      {
        id: templateId++,
        title: `${spec.name} – standard regression`,
        product_id: spec.id,
        section_id: spec.sections[0]?.id ?? null,
        testing_type: 'coverage',
        goal: `Find functional and visual bugs in the core flows of ${spec.name}.`,
        instructions: 'Use the test account from the environment description. Cover every listed feature at least once.',
        out_of_scope: 'Load and security testing.',
        duration: '48',
        feature_ids: features.slice(0, 4).map((f) => f.id),
      },
    ];

    return {
      spec,
      product,
      catalog: {
        product_id: spec.id,
        features,
        section_features: sectionFeatures,
        user_stories: userStories,
        test_environments: testEnvironments,
        test_templates: testTemplates,
      },
    };
  });
}
