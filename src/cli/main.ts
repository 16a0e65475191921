// gradlab CLI entry (issue #3).
export {};
