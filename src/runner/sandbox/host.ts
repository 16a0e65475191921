// Sandbox host process entry (issue #3).
export {};
