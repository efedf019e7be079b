/**
 * The forms of a test definition or run id: a UUID (canonical: lowercase 8-4-4-4-12 hex), or the
 * whole number of a row made before ids were UUIDs (canonical: no sign, no leading zero, no exponent).
 * No dependencies: plugins' schemas import it at server start.
 */
export const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const CANONICAL_LEGACY_ID = /^[1-9]\d{0,15}$/;

/** True for an id in canonical form (a resource URI accepts only these). */
export const isCanonicalId = (text: string) => CANONICAL_UUID.test(text) || CANONICAL_LEGACY_ID.test(text);
