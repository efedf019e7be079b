/**
 * The API objects the sync reads beyond those the TestIO area already knows (products, tests,
 * bugs): features with their user stories. Stories arrive as strings, or as objects with
 * `includes[]=user_stories`; both are read.
 */
import { z } from 'zod';

const Id = z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]);
const text = z.string().nullish();
const Story = z.union([z.string(), z.object({ title: text, path: text }).passthrough().transform((s) => s.title ?? s.path ?? '')]);

export const FeatureSchema = z
  .object({ id: Id, title: text, description: text, howtofind: text, user_stories: z.array(Story).nullish() })
  .passthrough();
export type Feature = z.infer<typeof FeatureSchema>;
