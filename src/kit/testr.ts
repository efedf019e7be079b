/**
 * What Testr tools need from the Testr area: parameters, result schemas and renderers.
 * Plugins import from here, never from inside src/testr/.
 */
export * from '../testr/tool-schemas.js';
export { LIMITS } from '../testr/validate.js';
