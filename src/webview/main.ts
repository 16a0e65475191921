// Webview page entry (issue #5).
export {};
