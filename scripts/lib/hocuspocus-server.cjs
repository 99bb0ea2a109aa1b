// The Hocuspocus 4 server scripts/bench-wiki measures beside Parvis: its defaults, no
// extension (documents in memory, as y-websocket's server keeps them), on HOST:PORT.
// Run by npm's Node 22 with NODE_PATH at ~/.cache/parvis-tools/hocuspocus/node_modules
// (scripts/setup --wiki-bench).
const { Server } = require("@hocuspocus/server");

const server = new Server({
  address: process.env.HOST || "127.0.0.1",
  port: Number(process.env.PORT || 1234),
  quiet: true,
});
server.listen().catch((error) => {
  console.error(error);
  process.exit(1);
});
