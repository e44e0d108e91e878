// node-fetch 2 (telegraf's HTTP client) requires whatwg-url at load time but uses it only where
// Node has no URL of its own (`Url.URL || whatwgUrl.URL`): never on Node >= 10. The real package
// loads tr46's Unicode table, about 1.5 MiB of heap kept for the bot's whole life. pnpm-workspace.yaml
// puts this in its place for node-fetch only.
const { URL, URLSearchParams } = require('node:url')

exports.URL = URL
exports.URLSearchParams = URLSearchParams
