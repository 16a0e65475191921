/**
 * The page's only door to the host: acquireVsCodeApi() (callable once per page load), typed with
 * the shared protocol. Messages are stamped with the protocol version here.
 */
import { fromWebview, isPanelState, type FromWebviewBody, type PanelState } from '../protocol/messages';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export interface HostConnection {
  post(message: FromWebviewBody): void;
  /** The state saved by the previous page load, if it is one this build understands. */
  savedState(): PanelState | undefined;
  saveState(state: PanelState): void;
}

export function connectToHost(): HostConnection {
  const api = acquireVsCodeApi();
  return {
    post: (message) => api.postMessage(fromWebview(message)),
    savedState: () => {
      const state = api.getState();
      return isPanelState(state) ? state : undefined;
    },
    saveState: (state) => api.setState(state),
  };
}
