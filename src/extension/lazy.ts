/**
 * Heavy layers, loaded on first use instead of at activation. esbuild keeps them in the one bundle but
 * wraps each in a lazy initializer, so activating GradLab does not evaluate sucrase (learner-code
 * transform), Ajv (schema validation) or the engine until a check, a pack load or a validation needs
 * them. Measured: see the activation figure in the log ("GradLab activated in … ms").
 * markdown-it is lazy too, but synchronously: panel/markdown.ts require()s it on the first README
 * render, because the panel builds the exercise view in the same tick it posts a result.
 */
export const packLayer = () => import('../pack');
export const gradingLayer = () => import('../grading/grade-exercise');
export const validateLayer = () => import('../grading/validate/validate-pack');
export const archiveLayer = () => import('./core/pack-archive');
