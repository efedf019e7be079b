/**
 * What Testr tools need from the Testr area: parameters, result schemas and renderers.
 * Plugins import from here, never from inside src/testr/.
 */
export { TEST_RUN_VIEW } from '../apps/views.js';
export { runPictures } from '../testr/charts/pictures.js';
export * from '../testr/tool-schemas.js';
export { LIMITS } from '../testr/validate.js';
