// In-context sandbox runtime (issue #3).
export {};
