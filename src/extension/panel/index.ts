// The exercise webview's host side. Import from here: `import { ExercisePanel } from './panel'`.
export { ExercisePanel, type CreateOrShowOptions } from './exercise-panel';
export { renderInstructions, type RenderInstructionsOptions } from './markdown';
export type { ExerciseView, ExerciseProgress, FromWebview, PanelState } from '../../protocol/messages';
