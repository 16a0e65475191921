// Placeholder entry; the engine lands with issue #2.
export {};
